/**
 * `--only` takes scaffold ids and check ids — the ids `mina report` prints in its
 * `mina init --only <check-id>` hints — limits the run to them (plus what they build on), and
 * refuses ids nothing answers.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { initCommandFor } from '../../src/report/roadmap/init-commands.js';
import { resolveOnly } from '../../src/init/scaffolds/index.js';
import { copyFixture, init } from './helpers.js';
import { sourceChecks } from './source-checks.js';

describe('mina init --only', () => {
  it('writes only what answers the named check', async () => {
    const dir = copyFixture('django');
    const outcome = await init(dir, { only: ['ops.security-policy'] });
    expect(outcome.results.map((r) => r.path)).toEqual(['SECURITY.md']);
    expect(outcome.plan!.answered.map((a) => [a.id, a.after])).toEqual([['ops.security-policy', 'pass']]);
  });

  it('accepts scaffold ids and comma lists, and adds what a scaffold builds on', async () => {
    const dir = copyFixture('nest');
    const outcome = await init(dir, { only: ['backups', 'deploy'] });
    // the service has no database: no backup scaffold; deploy needs the manifests and the image
    expect(outcome.output).toMatch(/Also scaffolding kubernetes, dockerfile/);
    expect(outcome.results.map((r) => r.path).sort()).toEqual(['.dockerignore', '.github/workflows/deploy.yml', 'Dockerfile', 'k8s/deployment.yaml', 'k8s/networkpolicy.yaml', 'k8s/pdb.yaml']);
    expect(existsSync(path.join(dir, 'SECURITY.md'))).toBe(false);
  });

  it('says so when the named check already passes', async () => {
    const dir = copyFixture('express');
    const outcome = await init(dir, { only: ['ops.security-policy'] });
    expect(outcome.results).toEqual([]);
    expect(outcome.output).toContain('Nothing to scaffold for ops.security-policy');
  });

  it('refuses an id nothing answers', async () => {
    const dir = copyFixture('express');
    await expect(init(dir, { only: ['secrets.hardcoded'] })).rejects.toThrow(ConfigError);
    await expect(init(dir, { only: ['docker'] })).rejects.toThrow(/no scaffold answers "docker"/);
  });

  it('accepts every check id the roadmap tells users to pass to --only', async () => {
    const hinted = (await sourceChecks()).map((r) => r.check.meta.id).filter((id) => initCommandFor(id) !== null);
    expect(hinted.length).toBeGreaterThan(5);
    for (const id of hinted) expect(resolveOnly([id]).unknown, id).toEqual([]);
  });
});
