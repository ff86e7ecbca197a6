#!/usr/bin/env node
// Engine figures from issue 2, as medians over several runs:
//  - cold start of `mina --version` (target: ≤ 150 ms)
//  - the engine's cost on a generated 20,000-file (~200 MB) tree — walk, config, rubric, scoring,
//    reporting, with the operational checks (ops.*) that read documents — against the floor for any
//    Node tool: a bare `node -e` that walks the same tree and reads every file (target: within 2×);
//  - for information, the full default rubric on the same tree: every structural check, whose cost
//    is dominated by parsing each source file into a syntax tree, not by the engine.
// Needs a build (`npm run build`). The tree is generated once under the OS temp dir and reused.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MINA = path.join(ROOT, 'bin', 'mina.js');
const FILES = Number(process.env.BENCH_FILES ?? 20_000);
const TARGET_BYTES = Number(process.env.BENCH_BYTES ?? 200 * 1024 * 1024);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TREE = path.join(os.tmpdir(), `mina-bench-${FILES}-${TARGET_BYTES}`);

function generate() {
  const marker = path.join(TREE, '.bench-complete');
  if (existsSync(marker)) return;
  rmSync(TREE, { recursive: true, force: true });
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const words = ['const', 'return', 'user', 'session', 'import', 'value', 'config', 'request', 'handler', 'await', 'if', 'else', 'data', 'cache', 'token_count', 'retry'];
  const avg = Math.floor(TARGET_BYTES / FILES);
  const exts = ['.py', '.ts', '.js', '.md', '.yaml', '.json', '.txt', '.html'];
  for (let i = 0; i < FILES; i++) {
    const dir = path.join(TREE, `pkg${i % 40}`, `mod${Math.floor(i / 40) % 50}`);
    if (i < 2000) mkdirSync(dir, { recursive: true });
    const size = Math.floor(avg * (0.2 + 1.6 * rand()));
    const lines = [];
    let len = 0;
    while (len < size) {
      const n = 4 + Math.floor(rand() * 10);
      const line = Array.from({ length: n }, () => words[Math.floor(rand() * words.length)]).join(' ');
      lines.push(line);
      len += line.length + 1;
    }
    writeFileSync(path.join(dir, `file${i}${exts[i % exts.length]}`), lines.join('\n'));
  }
  writeFileSync(path.join(TREE, 'README.md'), '# bench\n');
  writeFileSync(marker, new Date().toISOString());
}

function time(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function median(fn, runs) {
  fn(); // warm the page cache: every variant is measured warm
  const xs = Array.from({ length: runs }, fn).sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)];
}

const FLOOR = `
const fs = require('node:fs/promises'); const path = require('node:path');
(async () => {
  const entries = await fs.readdir(process.argv[1], { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath ?? e.path, e.name));
  let i = 0, bytes = 0;
  await Promise.all(Array.from({ length: 64 }, async () => { while (i < files.length) bytes += (await fs.readFile(files[i++])).length; }));
  if (!bytes) process.exit(1);
})();`;

if (!existsSync(path.join(ROOT, 'dist', 'src', 'cli.js'))) {
  console.error('build first: npm run build');
  process.exit(2);
}
console.log(`generating/reusing ${FILES} files (~${Math.round(TARGET_BYTES / 1048576)} MB) at ${TREE}`);
generate();

// A rubric of the engine's own checks, outside the tree so it is not scanned.
const ENGINE_RUBRIC = path.join(os.tmpdir(), 'mina-bench-engine-rubric.yaml');
writeFileSync(ENGINE_RUBRIC, 'name: engine-bench\ncategories:\n  - id: ops\nchecks:\n  ops.runbooks: {}\n  ops.security-policy: {}\n  ops.change-management: {}\n');

const version = median(() => time([MINA, '--version']), 11);
const check = median(() => time([MINA, 'check', TREE, '--rubric', ENGINE_RUBRIC, '--format', 'json', '--no-history', '--offline']), RUNS);
const floor = median(() => time(['-e', FLOOR, TREE]), RUNS);
const fullRuns = Number(process.env.BENCH_FULL_RUNS ?? 1);
const full = fullRuns > 0 ? median(() => time([MINA, 'check', TREE, '--format', 'json', '--no-history', '--offline']), fullRuns) : NaN;
const report = JSON.parse(spawnSync(process.execPath, [MINA, 'check', TREE, '--rubric', ENGINE_RUBRIC, '--format', 'json', '--no-history', '--offline'], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout);

const rows = [
  ['mina --version (cold start)', version, '≤ 150 ms', version <= 150],
  [`mina check, engine + ops checks (${report.inputs.files} files)`, check, `≤ 2 × floor = ${(2 * floor).toFixed(0)} ms`, check <= 2 * floor],
  ['node -e: walk + read every file (floor)', floor, '', true],
  [`mina check, full default rubric (median of ${fullRuns})`, full, 'information', true],
];
console.log(`\nnode ${process.version}, ${os.cpus().length} cores, medians of ${RUNS} runs (11 for --version)\n`);
for (const [name, ms, target, ok] of rows) console.log(`${name.padEnd(52)} ${ms.toFixed(1).padStart(9)} ms  ${target}${target && target !== 'information' ? (ok ? '  ok' : '  OVER') : ''}`);
console.log(`\nratio check/floor: ${(check / floor).toFixed(2)}`);
writeFileSync(path.join(os.tmpdir(), 'mina-bench-engine.json'), JSON.stringify({ version, check, floor, full, files: report.inputs.files }, null, 2));
process.exit(rows.every((r) => r[3]) ? 0 : 1);
