#!/usr/bin/env node
// secrets.hardcoded speed, as medians over several runs on a generated ~56 MB, 4,800-file
// Django/React-shaped tree (scripts/bench/_secrets-tree.mjs), beside ripgrep running seven
// equivalent patterns over the same tree in the same run. Target: the whole `mina check` run of the
// secret scan (`--rubric secrets`: process start, config, rubric, walk, read, scan, report) within
// 5× of ripgrep's. Also reports the default rubric (every check, for scale), the start-up alone and
// the in-process scan, warm, in this thread alone and with one worker thread, the whole run with
// `workers: 0` and `workers: 1` (the default on two cores, and what a worker would cost), and how
// many keyword lines the byte gate lets through to be decoded.
// Needs a build (`npm run build`) and ripgrep on PATH (Debian: apt-get install ripgrep).
// BENCH_RUNS=N (default 5); BENCH_FULL=0 skips the default-rubric row (the slow one).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTree } from './_secrets-tree.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MINA = path.join(ROOT, 'bin', 'mina.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const { dir: TREE, planted } = ensureTree(path.join(os.tmpdir(), 'mina-bench-secrets-v2'));

const RG_PATTERNS = [
  '(?:AKIA|ASIA)[A-Z2-7]{16}',
  'gh[pousr]_[A-Za-z0-9]{36}',
  '-----BEGIN [A-Z ]*PRIVATE KEY-----',
  'xox[baprs]-[0-9A-Za-z-]{10,}',
  '[rs]k_live_[A-Za-z0-9]{24,}',
  '[a-z]+://[^:@/\\s]+:[^@/\\s]+@',
  '(?i)(?:password|secret|token|api_?key)\\w*\\s*[:=]\\s*["\'][^"\']{8,}["\']',
];

const EMPTY = path.join(os.tmpdir(), 'mina-bench-empty');
mkdirSync(EMPTY, { recursive: true });

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Wall time, and user+system CPU time when /usr/bin/time is there (fairer on a shared machine). */
function time(cmd, args, okCodes = [0, 1]) {
  const [bin, argv] = TIME ? [TIME, ['-f', '%U %S', cmd, ...args]] : [cmd, args];
  const start = process.hrtime.bigint();
  const r = spawnSync(bin, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!okCodes.includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  const cpu = TIME ? r.stderr.toString().trim().split('\n').pop().split(' ').reduce((a, b) => a + Number(b) * 1000, 0) : null;
  return { ms, cpu, stdout: r.stdout.toString() };
}

function median(fn) {
  fn(); // warm the page cache: every variant is measured warm
  const runs = Array.from({ length: RUNS }, fn);
  const mid = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { ms: mid(runs.map((r) => r.ms)), cpu: TIME ? mid(runs.map((r) => r.cpu)) : null };
}

function treeSize(dir) {
  let files = 0;
  let bytes = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.isFile() && !e.name.startsWith('.bench')) {
        files++;
        bytes += statSync(path.join(d, e.name)).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

const { files, bytes } = treeSize(TREE);
console.log(`tree: ${TREE} — ${files} files, ${(bytes / 1e6).toFixed(1)} MB, ${planted} planted secrets; median of ${RUNS} warm runs, ${os.availableParallelism()} cores`);

const rg = spawnSync('rg', ['--version']).status === 0;
const rgArgs = ['--no-config', '-c', '--hidden', ...RG_PATTERNS.flatMap((p) => ['-e', p]), TREE];
const rgMs = rg ? median(() => time('rg', rgArgs)) : null;
const rgHits = rg ? time('rg', rgArgs).stdout.trim().split('\n').filter(Boolean).length : 0;

const secrets = ['check', '--rubric', 'secrets', '--no-history', '--format', 'json'];
const secretsRun = median(() => time(process.execPath, [MINA, ...secrets.slice(0, 1), TREE, ...secrets.slice(1)]));
const empty = median(() => time(process.execPath, [MINA, ...secrets.slice(0, 1), EMPTY, ...secrets.slice(1)]));
const report = JSON.parse(time(process.execPath, [MINA, ...secrets.slice(0, 1), TREE, ...secrets.slice(1)]).stdout);
// every check of the default rubric, once (it is not what ripgrep's patterns are equivalent to)
let full = null;
let fullError = '';
if (process.env.BENCH_FULL !== '0') {
  try {
    full = time(process.execPath, [MINA, 'check', TREE, '--offline', '--no-history', '--format', 'json']);
  } catch (err) {
    fullError = String(err.message).split('\n')[0].slice(0, 160);
  }
}
const result = report.checks.find((c) => c.id === 'secrets.hardcoded');

// the whole run with one worker thread beside the main one, and with none: both through a rubric
// file (the bundled rubric, with the option), so both pay the same rubric loading
const rubricWith = (workers) => {
  const file = path.join(os.tmpdir(), `mina-bench-secrets-workers-${workers}.yaml`);
  const bundled = readFileSync(path.join(ROOT, 'rubrics', 'secrets.yaml'), 'utf8').replace(/^# yaml-language-server.*\n/m, '');
  writeFileSync(file, bundled.replace(/^(\s+)weight: 10$/m, `$1weight: 10\n$1options:\n$1  workers: ${workers}`));
  return file;
};
const threadRuns = Object.fromEntries(
  [0, 1].map((workers) => {
    const rubric = rubricWith(workers);
    return [workers, median(() => time(process.execPath, [MINA, 'check', TREE, '--rubric', rubric, '--no-history', '--format', 'json']))];
  }),
);

// the scan alone, in process: one thread vs worker threads
const { RepoContext } = await import(path.join(ROOT, 'dist/src/context/repo-context.js'));
const { DEFAULT_IGNORES } = await import(path.join(ROOT, 'dist/src/context/walk.js'));
const { default: check } = await import(path.join(ROOT, 'dist/checks/secrets.hardcoded/index.js'));
async function scanOnce(workers) {
  const start = performance.now();
  const repo = await RepoContext.create(TREE, { ignore: DEFAULT_IGNORES, maxFileSize: 2 * 1024 * 1024 });
  const out = await check.run({ repo, options: { rules: [], disable: [], allowPaths: [], allowValues: [], historyMaxCommits: 0, workers }, url: null, settings: { offline: true, advisoryDb: null, databaseUrl: null, history: false }, signal: new AbortController().signal });
  return { ms: performance.now() - start, findings: out.findings.length };
}
const { defaultWorkers } = await import(path.join(ROOT, 'dist/src/secrets/scan-files.js'));
// how many keyword lines the byte gate lets through to be decoded (src/secrets/line-gate.ts)
const { SecretScanner } = await import(path.join(ROOT, 'dist/src/secrets/scanner.js'));
const { effectiveRules } = await import(path.join(ROOT, 'dist/src/secrets/rules.js'));
const { fileKind } = await import(path.join(ROOT, 'dist/src/secrets/file-kind.js'));
const lines = { keyword: 0, decoded: 0 };
{
  const { compiled } = new SecretScanner({ ruleSet: effectiveRules([], []), allowValues: [] });
  const repo = await RepoContext.create(TREE, { ignore: DEFAULT_IGNORES, maxFileSize: 2 * 1024 * 1024 });
  for (const f of repo.files) {
    const bytes = readFileSync(f.abs);
    // notebooks and YAML that may hold a Kubernetes Secret are read whole (scan-bytes.ts)
    if (/\.ipynb$/i.test(f.path) || (/\.ya?ml$/i.test(f.path) && bytes.includes('Secret'))) continue;
    const found = compiled.index.candidateLines(bytes);
    for (let i = 0; i < found.length; i += 2) {
      lines.keyword++;
      if (compiled.gate.needed(bytes, found[i], found[i + 1], fileKind(f.path))) lines.decoded++;
    }
  }
}
const inProcess = {};
for (const [name, workers] of [['one thread', 0], ['one worker', 1]]) {
  await scanOnce(workers);
  const xs = [];
  for (let i = 0; i < RUNS; i++) xs.push((await scanOnce(workers)).ms);
  inProcess[name] = xs.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

const cpu = (t) => (t.cpu === null ? '' : `cpu ${t.cpu.toFixed(0).padStart(5)} ms`);
const row = (label, t, note = '') => console.log(`${label.padEnd(36)} ${t === null ? '   n/a' : t.ms.toFixed(0).padStart(6) + ' ms'}  ${t ? cpu(t) : ''}  ${note}`);
console.log(`${''.padEnd(36)}   wall (median)  user+sys CPU`);
row('ripgrep, 7 patterns', rgMs, rg ? `${rgHits} files with hits` : 'ripgrep not on PATH (apt-get install ripgrep)');
row('mina check --rubric secrets', secretsRun, `${result?.findings?.length ?? '?'} findings${rgMs ? `; ${(secretsRun.ms / rgMs.ms).toFixed(1)}× ripgrep wall (target ≤ 5×)` : ''}`);
row('mina check on an empty folder', empty, 'start-up: the CLI, config, rubric and the code of the planned checks');
row('mina check, default rubric (once)', full, full === null ? (fullError ? `failed: ${fullError}` : 'skipped (BENCH_FULL=0)') : `all checks; ${rgMs ? `${(full.ms / rgMs.ms).toFixed(0)}× ripgrep wall` : ''}`);
row('in-process, warm: this thread', { ms: inProcess['one thread'], cpu: null }, 'walk + read + byte scan, after a first run (V8 has optimised the scanner)');
row('in-process, warm: + one worker', { ms: inProcess['one worker'], cpu: null }, `the CLI's default on this machine: ${defaultWorkers()} worker(s)`);
row('mina check, rubric workers: 0', threadRuns[0], 'the whole run in one thread (a rubric file with the option)');
row('mina check, rubric workers: 1', threadRuns[1], 'the same, one worker thread beside it (both cold)');
console.log(`keyword lines in line-scanned files: ${lines.keyword}; decoded by the byte scan (past the gate): ${lines.decoded}`);
if (!rgMs || secretsRun.ms > 5 * rgMs.ms || fullError) process.exitCode = 1;
