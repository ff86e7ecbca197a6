#!/usr/bin/env node
// Hostile input (issue 13): wall time and peak memory of `mina check` on the largest hostile cases
// of test/hostile/ — 100,000 tiny files, a 50 MB single-line minified file scanned under a raised
// size limit, a 2 GB sparse file, and 100 kB regex-hostile lines in every kind of file a rule reads.
// The tests assert survival; this prints the cost. Needs a build (`npm run build`).
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MINA = path.join(ROOT, 'bin', 'mina.js');

function put(root, rel, content) {
  const abs = path.join(root, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, content);
}

const cases = {
  '100,000 tiny files': (root) => {
    for (let d = 0; d < 100; d++) {
      mkdirSync(path.join(root, `d${d}`));
      for (let i = 0; i < 1000; i++) writeFileSync(path.join(root, `d${d}`, `f${i}.py`), 'x=1\n');
    }
  },
  '50 MB one-line minified JS (64 MB limit)': (root) => {
    put(root, 'mina.yaml', `limits:\n  maxFileSize: ${64 * 1024 * 1024}\n`);
    const chunk = 'var a=function(b){return b&&b.c?fetch("/api/"+b.c,{method:"POST"}):null};app.get("/x",a);';
    put(root, 'dist/app.min.js', chunk.repeat(Math.ceil((50 * 1024 * 1024) / chunk.length)));
  },
  '2 GB sparse file + 100 kB regex-hostile lines in 16 file kinds': (root) => {
    const big = path.join(root, 'logs', 'huge.log');
    mkdirSync(path.dirname(big), { recursive: true });
    closeSync(openSync(big, 'w'));
    truncateSync(big, 2 * 1024 ** 3);
    const n = 100_000;
    const body = ['a'.repeat(n), ' '.repeat(n) + 'x', '='.repeat(n), 'a='.repeat(n / 2), '"'.repeat(n), "'a".repeat(n / 2), '${{ '.repeat(n / 4), '-----BEGIN '.repeat(n / 11), 'password'.repeat(n / 8), 'key: '.repeat(n / 5), '/'.repeat(n), '\\'.repeat(n), 'A1b2'.repeat(n / 4), '.'.repeat(n) + '!', '('.repeat(n / 2), 'http://'.repeat(n / 7)].join('\n');
    for (const f of ['app.py', 'app.js', 'app.ts', 'config.yaml', 'Dockerfile', '.env', 'schema.sql', 'main.tf', 'nginx.conf', 'settings.py', 'README.md', '.github/workflows/long.yml', 'requirements.txt', 'Procfile', 'gunicorn.conf.py', 'values.yaml']) put(root, f, body);
  },
};

if (!existsSync(path.join(ROOT, 'dist', 'src', 'cli.js'))) {
  console.error('hostile: run `npm run build` first');
  process.exit(2);
}
const gnuTime = existsSync('/usr/bin/time');
console.log('case                                                         exit   wall s   peak MB   files  skipped  errored checks');
let bad = 0;
for (const [name, build] of Object.entries(cases)) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'mina-bench-hostile-'));
  try {
    build(root);
    const args = [MINA, 'check', root, '--format', 'json', '--offline', '--no-history'];
    const t0 = process.hrtime.bigint();
    const r = gnuTime
      ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 })
      : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    const kb = gnuTime ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]) : process.resourceUsage().maxRSS;
    let report = null;
    try {
      report = JSON.parse(r.stdout);
    } catch {
      // reported below as a failure
    }
    // deps.vulnerabilities errors without advisory data offline; that is the environment, not the input
    const errored = report ? report.checks.filter((c) => c.status === 'error' && c.id !== 'deps.vulnerabilities').map((c) => c.id) : ['(no report)'];
    if (![0, 1].includes(r.status) || errored.length) bad++;
    if (!report) console.log(`  stderr: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    console.log(`${name.padEnd(60)} ${String(r.status).padStart(4)}  ${s.toFixed(2).padStart(7)}  ${(kb / 1024).toFixed(0).padStart(8)}  ${String(report?.inputs.files ?? '-').padStart(6)}  ${String(report?.inputs.skipped.length ?? '-').padStart(7)}  ${errored.join(', ') || '-'}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
process.exit(bad ? 1 : 0);
