/**
 * `mina init` through the built command line, as a user runs it: `mina check` before, `mina init
 * --yes`, `mina check` after (JSON reports), and the usage errors (exit 2): no terminal without
 * --yes, an --only id nothing answers.
 */
import { describe, expect, it } from 'vitest';
import { mina } from '../e2e/run-mina.js';
import { copyFixture } from './helpers.js';

interface JsonReport {
  score: number;
  checks: Array<{ id: string; status: string }>;
}

const statuses = (stdout: string) => new Map((JSON.parse(stdout) as JsonReport).checks.map((c) => [c.id, c.status]));

describe('mina init (CLI)', () => {
  it('scaffolds with --yes, after which mina check finds the answered checks passing', () => {
    const dir = copyFixture('fastify');
    const before = statuses(mina(['check', dir, '--format', 'json', '--offline', '--no-history']).stdout);
    const run = mina(['init', dir, '--yes', '--no-color']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Detected');
    expect(run.stdout).toMatch(/Wrote \d+ files/);
    const after = statuses(mina(['check', dir, '--format', 'json', '--offline', '--no-history']).stdout);
    for (const id of ['container.dockerfile', 'k8s.workload-hardening', 'k8s.network-policy', 'ci.pipeline', 'ci.hardening', 'ci.readiness-gate', 'cd.automated-deploy', 'deps.update-automation', 'ops.runbooks', 'ops.security-policy', 'ops.change-management']) {
      expect(before.get(id), id).not.toBe('pass');
      expect(after.get(id), id).toBe('pass');
    }
    const again = mina(['init', dir, '--yes', '--no-color']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Nothing to scaffold');
  });

  it('exits 2 without a terminal unless --yes or --dry-run, and on unknown --only ids', () => {
    const dir = copyFixture('nest');
    const asked = mina(['init', dir]);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain('use --yes');
    const unknown = mina(['init', dir, '--yes', '--only', 'container.dockerfile,nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no scaffold answers "nope"');
    const dry = mina(['init', dir, '--dry-run', '--only', 'ops.security-policy']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('+++ b/SECURITY.md');
  });
});
