#!/usr/bin/env node
// `--history` speed and correctness: a generated 1,000-commit repository (300 files, three edits a
// commit, aggressively packed so blobs are deep delta chains) with three secrets added in known
// commits. mina reads the objects itself; the commits it attributes are compared with what
// `git log -S` says (git runs here only on this repository we generated, never on a scanned one).
// Needs `npm run build` and git.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeValues, rng } from '../eval/_secrets-values.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { scanHistory } = await import(path.join(ROOT, 'dist/src/secrets/git/history-scan.js'));
const { bundledRules } = await import(path.join(ROOT, 'dist/src/secrets/rules.js'));
const COMMITS = Number(process.env.BENCH_COMMITS ?? 1000);
const REPO = path.join(os.tmpdir(), `mina-bench-history-${COMMITS}`);
const v = makeValues(rng(9));
const planted = { [Math.floor(COMMITS * 0.1)]: `KEY_ID = "${v.awsKeyId()}"`, [Math.floor(COMMITS * 0.4)]: `TOKEN = "${v.github()}"`, [Math.floor(COMMITS * 0.7)]: `DB_PASSWORD = "${v.password()}"` };

function git(...args) {
  return execFileSync('git', ['-c', 'core.hooksPath=/dev/null', ...args], { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

if (!existsSync(path.join(REPO, '.bench-complete'))) {
  rmSync(REPO, { recursive: true, force: true });
  mkdirSync(REPO, { recursive: true });
  git('init', '-q', '-b', 'main');
  const random = rng(4);
  const files = Array.from({ length: 300 }, (_, i) => ({ path: `src/mod${i % 20}/file${i}.py`, lines: Array.from({ length: 150 }, (_, j) => `line_${j} = compute_${j}(value)`) }));
  const chunks = [];
  for (let c = 0; c < COMMITS; c++) {
    chunks.push(`commit refs/heads/main\ncommitter T <t@example.com> ${1_700_000_000 + c * 3600} +0000\ndata 0\n`);
    for (let e = 0; e < 3; e++) {
      const f = files[Math.floor(random() * files.length)];
      f.lines[Math.floor(random() * f.lines.length)] = `line = compute(${c}, ${e})`;
      if (e === 0 && planted[c]) f.lines.push(planted[c]);
      const body = Buffer.from(f.lines.join('\n') + '\n');
      chunks.push(`M 100644 inline ${f.path}\ndata ${body.length}\n${body}\n`);
    }
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: REPO, input: chunks.join('') });
  git('gc', '-q', '--aggressive');
  writeFileSync(path.join(REPO, '.bench-complete'), '');
}

const times = [];
let result;
for (let i = 0; i < 3; i++) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  result = await scanHistory(REPO, { ruleSet: bundledRules(), allowValues: [] }, { maxCommits: 0, skipPath: () => false });
  const used = process.cpuUsage(cpu);
  times.push([performance.now() - start, (used.user + used.system) / 1000]);
}
times.sort((a, b) => a[0] - b[0]);
console.log(`${result.summary}: ${times[1][0].toFixed(0)} ms wall, ${times[1][1].toFixed(0)} ms CPU (median of 3)`);
let wrong = 0;
for (const line of Object.values(planted)) {
  const needle = line.split('"')[1].slice(0, 12);
  const truth = git('log', '-S', needle, '--format=%H', 'main').trim().split('\n').pop();
  const found = result.findings.find((f) => truth && f.commit.commit === truth);
  console.log(`${found ? 'ok  ' : 'MISS'} ${found?.match.ruleId ?? '?'} added in ${truth.slice(0, 12)} (git log -S agrees: ${Boolean(found)})`);
  if (!found) wrong++;
}
if (wrong || result.findings.length !== 3) process.exitCode = 1;
