#!/usr/bin/env node
// Evaluates `mina init --yes` (the built dist/) on every fixture stack in test/fixtures/init: how
// many of the checks it answers pass afterwards, whether any other check lost score, whether the
// prediction made before writing (checks run on an overlay of the tree) matches what the checks
// find on disk afterwards, that a second run writes nothing, and how long a run takes.
// Exit 1 when an answered check does not pass (with --force, which may patch existing files), any
// other check got worse, or a second run writes anything.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = path.join(ROOT, 'dist', 'src', 'init');
if (!existsSync(path.join(DIST, 'run-init.js'))) {
  console.error('eval/init: dist/ has no mina init — run npm run build first');
  process.exit(1);
}
const { runInit } = await import(path.join(DIST, 'run-init.js'));
const { createEvaluator } = await import(path.join(DIST, 'evaluate.js'));
const { answeredChecks } = await import(path.join(DIST, 'scaffolds', 'index.js'));

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'init');
const quiet = { out: () => {}, prompts: null };

async function evaluate(dir) {
  const evaluator = await createEvaluator(dir, { alsoRun: answeredChecks() });
  return evaluator.evaluate(await evaluator.context());
}

/** One `init --yes` run (with or without --force) on a fresh copy of the stack. */
async function trial(stack, force) {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'mina-eval-init-'));
  const dir = path.join(parent, stack);
  cpSync(path.join(FIXTURES, stack), dir, { recursive: true });
  try {
    const before = await evaluate(dir);
    const started = performance.now();
    const first = await runInit(dir, { yes: true, force, color: false }, quiet);
    const ms = performance.now() - started;
    const after = await evaluate(dir);
    const answered = first.plan?.answered ?? [];
    const passing = answered.filter((a) => after.results.get(a.id)?.status === 'pass').length;
    const scored = (s) => s !== 'not-applicable' && s !== 'skipped';
    const worse = [...before.results].filter(([id, b]) => {
      const a = after.results.get(id);
      if (!a || answered.some((x) => x.id === id)) return false;
      return scored(b.status) ? scored(a.status) && a.score < b.score : scored(a.status) && a.score < 1;
    });
    const predicted = first.plan ? [...after.results].filter(([id, r]) => first.plan.after.results.get(id)?.status === r.status).length : 0;
    const second = await runInit(dir, { yes: true, force, color: false }, quiet);
    return { first, before, after, answered, passing, worse, predicted, secondWrites: second.results.filter((r) => r.outcome !== 'skipped').length, ms };
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

const rows = [];
let failures = 0;
let answeredTotal = 0;
let passingTotal = 0;
for (const stack of readdirSync(FIXTURES).sort()) {
  const plain = await trial(stack, false);
  const forced = await trial(stack, true);
  // --yes alone never touches an existing file: answered checks that need one patched pass only with --force
  if (forced.passing < forced.answered.length || plain.worse.length || forced.worse.length || plain.secondWrites || forced.secondWrites) failures++;
  answeredTotal += forced.answered.length;
  passingTotal += forced.passing;
  rows.push({
    stack,
    files: `${plain.first.results.length} (+${forced.first.results.length - plain.first.results.length} with --force)`,
    'answered pass': `${plain.passing}/${plain.answered.length}`,
    'with --force': `${forced.passing}/${forced.answered.length}`,
    score: `${plain.before.score.toFixed(1)} → ${plain.after.score.toFixed(1)} / ${forced.after.score.toFixed(1)}`,
    worse: [...plain.worse, ...forced.worse].map(([id]) => id).join(', ') || '—',
    prediction: `${plain.predicted}/${plain.after.results.size}`,
    'second run writes': plain.secondWrites + forced.secondWrites,
    'init ms': Math.round(plain.ms),
  });
}
console.table(rows);
console.log(`answered checks passing after init --yes --force: ${passingTotal}/${answeredTotal}; stacks with a regression, a miss or a non-idempotent second run: ${failures}`);
process.exit(failures ? 1 : 0);
