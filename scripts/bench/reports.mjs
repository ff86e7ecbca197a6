#!/usr/bin/env node
// Report formats at scale: time and size of every format for a report with many findings (default
// 20,000 over 40 checks, some messages 3,000 characters long), medians over several runs. Checks
// the Markdown stays under GitHub's comment limit. Needs a build (`npm run build`).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const load = (p) => import(pathToFileURL(path.join(ROOT, 'dist', 'src', p)).href);
const { formatJson } = await load('report/json-reporter.js');
const { formatSarif } = await load('report/sarif.js');
const { formatJunit } = await load('report/junit.js');
const { formatMarkdown, MARKDOWN_LIMIT } = await load('report/markdown.js');
const { formatHtml } = await load('report/html/page.js');
const { formatTerminal } = await load('report/terminal-reporter.js');

const FINDINGS = Number(process.env.BENCH_FINDINGS ?? 20_000);
const CHECKS = 40;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SEV = ['critical', 'high', 'medium', 'low'];

function report() {
  const checks = Array.from({ length: CHECKS }, (_, c) => ({
    id: `area${c % 8}.check-${c}`, title: `Check number ${c}`, category: `cat${c % 8}`, severity: SEV[c % 4], weight: 1 + (c % 5),
    status: 'partial', score: 0.5, suppressed: 0, durationMs: 5, findings: [],
  }));
  for (let i = 0; i < FINDINGS; i++) {
    checks[i % CHECKS].findings.push({
      id: 'kind', severity: SEV[i % 4], file: `src/module-${i % 311}/file_${i}.py`, line: (i % 900) + 1,
      message: `finding ${i}: ${i % 50 === 0 ? 'x'.repeat(3000) : 'a value that should come from configuration'} <tag> | "q"`,
      hint: 'read it from the environment',
    });
  }
  return {
    schemaVersion: 1, tool: { name: 'mina', version: '0.0.0' }, target: { path: '/bench/repo', url: null, commit: null },
    rubric: { name: 'default', version: 1 }, score: 50, coverage: 1, level: { id: 'none', title: 'No level reached', next: null },
    gate: { passed: false, minScore: 90, failOn: 'critical', reasons: ['score 50.0 < 90'] },
    categories: Array.from({ length: 8 }, (_, k) => ({ id: `cat${k}`, title: `Category ${k}`, score: 50, weight: 10 })),
    checks, summary: { findings: FINDINGS, suppressed: 0, bySeverity: { critical: FINDINGS / 4, high: FINDINGS / 4, medium: FINDINGS / 4, low: FINDINGS / 4 } },
    inputs: { files: 1000, skipped: [] }, warnings: [], generatedAt: '2026-01-01T00:00:00.000Z', durationMs: 1,
  };
}

const formats = {
  terminal: (r) => formatTerminal(r, { color: false }),
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  markdown: formatMarkdown,
  html: (r) => formatHtml(r),
};
const r = report();
console.log(`${FINDINGS} findings over ${CHECKS} checks, median of ${RUNS} runs`);
let ok = true;
for (const [name, fn] of Object.entries(formats)) {
  const times = [];
  let out = '';
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    out = fn(r);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${name.padEnd(9)} ${times[Math.floor(RUNS / 2)].toFixed(0).padStart(6)} ms  ${(out.length / 1024).toFixed(0).padStart(7)} KiB`);
  if (name === 'markdown' && out.length > MARKDOWN_LIMIT) {
    console.log(`markdown is ${out.length} characters, over the ${MARKDOWN_LIMIT} limit`);
    ok = false;
  }
}
process.exit(ok ? 0 : 1);
