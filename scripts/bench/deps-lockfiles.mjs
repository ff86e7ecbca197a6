#!/usr/bin/env node
// Lockfile parsing at scale: one generated 5,000-package lockfile per format, collected through
// the deps fact the checks share (walk excluded). Median of 5 fresh contexts per format.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, median } from './_deps-harness.mjs';

const N = 5000;
const RUNS = 5;
const { RepoContext } = await import(path.join(ROOT, 'dist/src/context/repo-context.js'));
const { DEFAULT_IGNORES } = await import(path.join(ROOT, 'dist/src/context/walk.js'));
const { lockfilesFact } = await import(path.join(ROOT, 'dist/src/facts/deps/collect.js'));

const names = Array.from({ length: N }, (_, i) => (i % 10 === 0 ? `@scope${i % 37}/pkg-${i}` : `pkg-${i}`));
const ver = (i) => `${1 + (i % 9)}.${i % 17}.${i % 5}`;
const integrity = 'sha512-' + 'A'.repeat(86) + '==';

const formats = {
  'package-lock.json': () =>
    JSON.stringify({ name: 'app', lockfileVersion: 3, requires: true, packages: Object.fromEntries([['', { name: 'app' }], ...names.map((n, i) => [`node_modules/${n}`, { version: ver(i), resolved: `https://registry.npmjs.org/${n}/-/x-${ver(i)}.tgz`, integrity, dependencies: { [names[(i + 1) % N]]: `^${ver(i + 1)}` } }])]) }, null, 2),
  'pnpm-lock.yaml': () => `lockfileVersion: '9.0'\n\npackages:\n\n${names.map((n, i) => `  '${n}@${ver(i)}':\n    resolution: {integrity: ${integrity}}\n`).join('\n')}`,
  'yarn.lock': () => `# yarn lockfile v1\n\n\n${names.map((n, i) => `"${n}@^${ver(i)}":\n  version "${ver(i)}"\n  resolved "https://registry.yarnpkg.com/${n}/-/x-${ver(i)}.tgz"\n  integrity ${integrity}\n`).join('\n')}`,
  'poetry.lock': () => names.filter((n) => !n.startsWith('@')).map((n, i) => `[[package]]\nname = "${n}"\nversion = "${ver(i)}"\ndescription = ""\noptional = false\npython-versions = "*"\nfiles = []\n`).join('\n'),
  'requirements.txt': () => names.filter((n) => !n.startsWith('@')).map((n, i) => `${n}==${ver(i)} \\\n    --hash=sha256:${'0'.repeat(64)}`).join('\n') + '\n',
};

const base = mkdtempSync(path.join(tmpdir(), 'mina-bench-locks-'));
try {
  for (const [file, make] of Object.entries(formats)) {
    const dir = path.join(base, file.replace(/\W/g, '_'));
    mkdirSync(dir);
    const text = make();
    writeFileSync(path.join(dir, file), text);
    const times = [];
    let packages = 0;
    for (let r = 0; r < RUNS; r++) {
      const repo = await RepoContext.create(dir, { ignore: DEFAULT_IGNORES, maxFileSize: 64 * 1024 * 1024 });
      const t = performance.now();
      const facts = await repo.fact(lockfilesFact);
      times.push(performance.now() - t);
      packages = facts.locks.reduce((n, l) => n + l.packages.length, 0);
    }
    console.log(`${file.padEnd(18)} ${(text.length / 1024 / 1024).toFixed(1).padStart(5)} MB  ${String(packages).padStart(5)} packages  parse median ${median(times).toFixed(0).padStart(5)} ms`);
    if (packages < N * 0.85) process.exitCode = 1;
  }
} finally {
  rmSync(base, { recursive: true, force: true });
}
