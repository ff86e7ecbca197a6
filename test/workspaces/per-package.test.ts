/** Monorepo detection and `mina check --per-package`: a score per package plus the roll-up. */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { put, tempTree, YAML_BOMB } from '../hostile/corpus.js';
import { BIN } from '../hostile/run-json.js';
import { detectPackages } from '../../src/workspaces/detect-packages.js';

const made: string[] = [];
const tree = (label: string) => {
  const d = tempTree(label);
  made.push(d);
  return d;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe('detectPackages', () => {
  it('reads npm/yarn workspaces (array or object form, negations) and Python sub-projects', () => {
    const root = tree('ws-npm');
    put(root, 'package.json', JSON.stringify({ private: true, workspaces: { packages: ['packages/*', './apps/**', '!packages/skip'] } }));
    put(root, 'packages/a/package.json', '{"name":"a"}');
    put(root, 'packages/b/package.json', '{"name":"b"}');
    put(root, 'packages/skip/package.json', '{"name":"skip"}');
    put(root, 'packages/nomanifest/index.js', '');
    put(root, 'apps/web/site/package.json', '{"name":"site"}');
    put(root, 'services/api/pyproject.toml', '[project]\nname = "api"\n');
    put(root, 'services/api/sub/setup.py', '');
    put(root, 'tools/setup.cfg', '[metadata]\nname = tools\n');
    put(root, 'node_modules/x/pyproject.toml', '');
    symlinkSync(path.join(root, 'services'), path.join(root, 'linked'));
    expect(detectPackages(root)).toEqual([
      { path: 'apps/web/site', kind: 'npm' },
      { path: 'packages/a', kind: 'npm' },
      { path: 'packages/b', kind: 'npm' },
      { path: 'services/api', kind: 'python' },
      { path: 'tools', kind: 'python' },
    ]);
  });

  it('reads pnpm-workspace.yaml, and survives a bomb or garbage in the manifests', () => {
    const root = tree('ws-pnpm');
    put(root, 'pnpm-workspace.yaml', "packages:\n  - 'libs/*'\n");
    put(root, 'package.json', '{"workspaces": [');
    put(root, 'libs/x/package.json', '{}');
    expect(detectPackages(root)).toEqual([{ path: 'libs/x', kind: 'pnpm' }]);
    put(root, 'pnpm-workspace.yaml', YAML_BOMB);
    expect(detectPackages(root)).toEqual([]);
  });
});

describe('mina check --per-package', () => {
  const MIN = 35;
  it('scores each package and the whole repository, and fails when a package fails its gate', () => {
    const root = tree('ws-e2e');
    put(root, 'package.json', JSON.stringify({ private: true, workspaces: ['packages/*'] }));
    put(root, 'packages/good/package.json', '{"name":"good"}');
    put(root, 'packages/good/SECURITY.md', '# Security\nReport issues to security@example.com\n');
    put(root, 'packages/bad/package.json', '{"name":"bad"}');
    put(root, 'packages/bad/Dockerfile', 'FROM node:latest\nUSER root\n');
    put(root, 'py/app/pyproject.toml', '[project]\nname = "app"\n');
    const r = spawnSync(process.execPath, [BIN, 'check', root, '--per-package', '--format', 'json', '--offline', '--no-history', '--fail-on', 'none', '--allow-errors', '--min-score', String(MIN)], { encoding: 'utf8', timeout: 180_000 });
    const out = JSON.parse(r.stdout);
    expect(typeof out.score).toBe('number');
    const byPath = Object.fromEntries(out.packages.map((p: { path: string }) => [p.path, p]));
    expect(Object.keys(byPath)).toEqual(['packages/bad', 'packages/good', 'py/app']);
    expect(byPath['py/app'].kind).toBe('python');
    // the Dockerfile's findings belong to bad alone; SECURITY.md to good alone
    expect(byPath['packages/bad'].score).toBeLessThan(byPath['packages/good'].score);
    expect(byPath['packages/bad'].findings).toBeGreaterThan(byPath['packages/good'].findings);
    for (const p of out.packages) expect(p.gatePassed, p.path).toBe(p.score >= MIN);
    const anyFailed = !out.gate.passed || out.packages.some((p: { gatePassed: boolean }) => !p.gatePassed);
    expect(r.status).toBe(anyFailed ? 1 : 0);
    expect(anyFailed).toBe(true);

    const t = spawnSync(process.execPath, [BIN, 'check', root, '--per-package', '--offline', '--no-history'], { encoding: 'utf8', timeout: 180_000, env: { ...process.env, NO_COLOR: '1' } });
    expect(t.stdout).toMatch(/PACKAGE\s+KIND\s+SCORE/);
    expect(t.stdout).toMatch(/packages\/bad\s+npm\s+\d+\.\d/);
    expect(t.stdout).toMatch(/\(whole repository\)\s+root/);
  }, 240_000);
});
