import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseBunLock } from '../../src/facts/deps/bun-lock.js';
import { parseTomlLock } from '../../src/facts/deps/python-locks.js';
import { tomlParser } from '../../src/facts/deps/toml-lines.js';
import { runCheckOn } from '../../src/testing/check-tester.js';
import vulnerabilities from '../../checks/deps.vulnerabilities/index.js';
import pinned from '../../checks/deps.pinned/index.js';

const brief = (ps: Array<{ name: string; version: string; line: number }>) => ps.map((p) => `${p.name}@${p.version}:${p.line}`);

describe('bun.lock and pdm.lock', () => {
  it('bun.lock: resolved name@version tuples, trailing commas, workspaces left out', () => {
    const text = `{
  "lockfileVersion": 1,
  "workspaces": {
    "": { "name": "app", "dependencies": { "lodash": "^4.17.15" } },
  },
  "packages": {
    "lodash": ["lodash@4.17.15", "", {}, "sha512-8xOcRHvCjnocdS5cpwXQXVzmmh5e5+saE2QGoeQmbKmRS6J3VQppPOIt0MnmE+4xlZoumy0GPG0D0MVIQbNA1A=="],
    "@types/node": ["@types/node@20.1.0", "", {}, "sha512-x"],
    "app-lib": ["app-lib@workspace:packages/lib"],
  }
}
`;
    expect(brief(parseBunLock('bun.lock', text).packages)).toEqual(['lodash@4.17.15:7', '@types/node@20.1.0:8']);
  });

  it('pdm.lock: index packages only', () => {
    const text = `[metadata]
groups = ["default"]
lock_version = "4.4"

[[package]]
name = "jinja2"
version = "2.10"
summary = "templates"

[[package]]
name = "mylib"
version = "0.1.0"
git = "https://github.com/x/mylib.git"
revision = "abc"
`;
    expect(brief(parseTomlLock('pdm.lock', 'pdm-lock', tomlParser.parse(text, 'pdm.lock')).packages)).toEqual(['jinja2@2.10:5']);
  });
});

describe('hostile lockfiles', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mina-hostile-deps-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const db = { advisoryDb: path.join(import.meta.dirname, '../../checks/deps.vulnerabilities/osv-db') };

  it('deeply nested, binary, long-line and garbage lockfiles never crash the checks', async () => {
    mkdirSync(path.join(dir, 'nested'));
    writeFileSync(path.join(dir, 'nested/package-lock.json'), '['.repeat(200_000));
    mkdirSync(path.join(dir, 'binary'));
    writeFileSync(path.join(dir, 'binary/yarn.lock'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    mkdirSync(path.join(dir, 'long'));
    writeFileSync(path.join(dir, 'long/requirements.txt'), `flask==${'9'.repeat(400_000)}\n${'a'.repeat(300_000)}[${'x,'.repeat(50_000)}\n-r ${'../'.repeat(10_000)}etc/passwd\n`);
    mkdirSync(path.join(dir, 'garbage'));
    writeFileSync(path.join(dir, 'garbage/pnpm-lock.yaml'), 'lockfileVersion: 9\npackages:\n  "a@1.0.0": &x [*x, *x]\n  : : :\n');
    writeFileSync(path.join(dir, 'garbage/poetry.lock'), '[[package]]\nname = "x"\nversion = """\n');
    writeFileSync(path.join(dir, 'garbage/yarn.lock'), '# yarn lockfile v1\n\n"unterminated@^1:\n  version "1.0.0"\n  deeper:\n      deeper "x"\n');
    writeFileSync(path.join(dir, 'garbage/bun.lockb'), Buffer.from([0, 1, 2, 3]));
    const started = performance.now();
    const v = await runCheckOn(vulnerabilities, dir, { maxAgeDays: 1e6 }, null, db);
    const p = await runCheckOn(pinned, dir);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(v.status).not.toBe('error');
    expect(p.status).not.toBe('error');
    const unreadable = v.findings.filter((f) => f.id === 'unreadable-lockfile').map((f) => f.file).sort();
    expect(unreadable).toEqual(expect.arrayContaining(['nested/package-lock.json', 'garbage/poetry.lock', 'garbage/bun.lockb']));
    expect(v.score).toBeLessThanOrEqual(0.5);
  });
});
