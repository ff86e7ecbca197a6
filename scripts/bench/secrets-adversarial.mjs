#!/usr/bin/env node
// No secrets rule can be driven into catastrophic backtracking: each bundled rule, alone, scans
// hostile 100,000-character lines (its keyword followed by long runs of the characters its pattern
// accepts, unterminated quotes, PEM blocks without an END, URLs without a host), through the text
// scan and the raw-bytes scan of the worker threads. Target: every
// line in under 100 ms of CPU time. Benchmarked here, not in a timed unit test. Needs `npm run build`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { SecretScanner } = await import(path.join(ROOT, 'dist/src/secrets/scanner.js'));
const { bundledRules } = await import(path.join(ROOT, 'dist/src/secrets/rules.js'));
const { scanBytes } = await import(path.join(ROOT, 'dist/src/secrets/scan-bytes.js'));

const N = 100_000;
const LIMIT_MS = 100;
const runs = ['A', 'a', '0', 'f', '-', '_', '/', '+', '=', ' ', '\\n', ':', '@', '.', '"', 'aB3'];

function hostileLines(keyword) {
  const lines = [];
  for (const r of runs) {
    lines.push(keyword + r.repeat(Math.ceil(N / r.length)).slice(0, N));
    lines.push((keyword + r).repeat(Math.ceil(N / (keyword.length + r.length))).slice(0, N));
  }
  lines.push(`${keyword} = "` + 'a'.repeat(N));
  lines.push(`${keyword}: ` + 'x1'.repeat(N / 2));
  lines.push(`${keyword}=`.repeat(Math.ceil(N / (keyword.length + 1))).slice(0, N));
  // the byte gate (line-gate.ts) reads on from each keyword: to a closing quote, past an annotation
  for (const piece of [`${keyword} = "\\"`, `${keyword} = '`, `${keyword}: str `, `${keyword} = f"{`, `<${keyword}>`]) {
    lines.push(piece.repeat(Math.ceil(N / piece.length)).slice(0, N));
  }
  return lines;
}

const GENERAL = [
  '-----BEGIN RSA PRIVATE KEY-----\n' + ('A'.repeat(64) + '\n').repeat(1500),
  '-----BEGIN RSA PRIVATE KEY-----' + ('A'.repeat(64) + '\\n').repeat(1500),
  '-----BEGIN PGP PRIVATE KEY BLOCK-----\n' + 'Version: x\n'.repeat(9000),
  'postgres://' + 'a'.repeat(N),
  'postgres://a:' + 'b'.repeat(N),
  'mongodb+srv://' + 'a:'.repeat(N / 2),
  'https://hooks.slack.com/services/' + 'T'.repeat(N),
  'kind: Secret\ndata:\n  password: ' + 'QUFB'.repeat(N / 4),
  '"source": ["' + '\\"'.repeat(N / 2),
];

const { placeholders, rules } = bundledRules();
let worst = 0;
const rows = [];
for (const rule of rules) {
  const scanner = new SecretScanner({ ruleSet: { placeholders, rules: [rule] }, allowValues: [] });
  let max = 0;
  let slowest = '';
  const lines = [...rule.keywords.flatMap(hostileLines), ...GENERAL];
  for (const line of lines) {
    const bytes = Buffer.from(line);
    // x.js goes through the raw-bytes scan of the worker threads, the others through the text scan
    for (const file of ['x.py', 'x.yaml', 'x.ipynb', 'x.js']) {
      // CPU time of this process (the scan is single-threaded), median of three: on a shared
      // machine wall time mostly measures the other processes
      const times = [0, 1, 2].map(() => {
        const start = process.cpuUsage();
        if (file === 'x.js') scanBytes(scanner, bytes, file);
        else scanner.scan(line, file);
        const used = process.cpuUsage(start);
        return (used.user + used.system) / 1000;
      });
      const ms = times.sort((a, b) => a - b)[1];
      if (ms > max) {
        max = ms;
        slowest = `${JSON.stringify(line.slice(0, 24))}… in ${file}`;
      }
    }
  }
  worst = Math.max(worst, max);
  rows.push([rule.id, max, lines.length * 4, slowest]);
}
rows.sort((a, b) => b[1] - a[1]);
console.log(`${rules.length} rules, hostile lines of ${N.toLocaleString('en')} characters; slowest line per rule, CPU ms, median of 3 (target < ${LIMIT_MS} ms):`);
for (const [id, ms, count, slowest] of rows) console.log(`${id.padEnd(28)} ${ms.toFixed(1).padStart(7)} ms  max of ${count} lines  ${slowest}`);
console.log(`worst: ${worst.toFixed(1)} ms`);
if (worst >= LIMIT_MS) process.exitCode = 1;
