#!/usr/bin/env node
// Precision and recall of secrets.hardcoded over the labelled corpus (scripts/eval/_secrets-corpus.mjs),
// written to test/fixtures/secrets/corpus/ (git-ignored) and scanned by the built check.
// Usage: npm run build && node scripts/eval/secrets.mjs [--seed N] [--keep]
// A finding counts as a true positive on a planted line; any other scored finding is a false positive.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCorpus, POSITIVES, NEGATIVES } from './_secrets-corpus.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { RepoContext } = await import(path.join(ROOT, 'dist/src/context/repo-context.js'));
const { DEFAULT_IGNORES } = await import(path.join(ROOT, 'dist/src/context/walk.js'));
const { realFs } = await import(path.join(ROOT, 'dist/src/context/fs-like.js'));
// the same files through a wrapper of the file system: the check then reads decoded text through
// the repository context (the text scan), never raw bytes at their paths (the byte scan)
const viaContext = { ...realFs };
const { default: check } = await import(path.join(ROOT, 'dist/checks/secrets.hardcoded/index.js'));

const args = process.argv.slice(2);
const seed = Number(args[args.indexOf('--seed') + 1]) || 1;
const TARGET = 0.98;
const base = path.join(ROOT, 'test', 'fixtures', 'secrets');
const dir = path.join(base, 'corpus');
mkdirSync(base, { recursive: true });
writeFileSync(path.join(base, '.gitignore'), 'corpus/\n');

const { files, labels } = writeCorpus(dir, { seed });
const positives = labels.filter((l) => l.positive);
const negatives = labels.filter((l) => !l.positive);
const types = new Set([...files.keys()].map((p) => (path.extname(p) || path.basename(p)).toLowerCase()));

const started = performance.now();
const repo = await RepoContext.create(dir, { ignore: DEFAULT_IGNORES, maxFileSize: 2 * 1024 * 1024, gitignore: false, fs: viaContext });
const outcome = await scan(repo, 0);
const ms = performance.now() - started;

const scored = outcome.findings.filter((f) => f.id !== 'test-fixture');
const key = (p, l) => `${p}:${l}`;
const positiveAt = new Map(positives.map((l) => [key(l.path, l.line), l]));
const negativeAt = new Map(negatives.map((l) => [key(l.path, l.line), l]));
const hit = new Set(scored.map((f) => key(f.file, f.line)));
const tp = positives.filter((l) => hit.has(key(l.path, l.line)));
const fp = scored.filter((f) => !positiveAt.has(key(f.file, f.line)));
const recall = tp.length / positives.length;
const precision = tp.length / (tp.length + fp.length || 1);

console.log(`corpus: ${files.size} files, ${types.size} file types; ${positives.length} planted secrets of ${new Set(positives.map((l) => l.kind)).size} kinds (${POSITIVES.length} templates), ${negatives.length} labelled hard negatives of ${NEGATIVES.length} kinds (seed ${seed})`);
console.log(`scan: ${outcome.findings.length} findings (${scored.length} scored, ${outcome.findings.length - scored.length} test fixtures) in ${ms.toFixed(0)} ms`);
console.log(`recall    ${recall.toFixed(4)}  (${tp.length}/${positives.length})`);
console.log(`precision ${precision.toFixed(4)}  (${tp.length}/${tp.length + fp.length})`);

const missed = positives.filter((l) => !hit.has(key(l.path, l.line)));
if (missed.length) console.log('\nmissed:\n' + summarise(missed.map((l) => `${l.kind}  ${l.path}:${l.line}`)));
if (fp.length) console.log('\nfalse positives (values redacted):\n' + summarise(fp.map((f) => `${f.id} [${negativeAt.get(key(f.file, f.line))?.kind ?? 'unlabelled line'}]  ${f.file}:${f.line}  ${f.message}`)));
for (const f of outcome.findings) {
  // the report must never carry a planted value whole: check against every file's text
  if (/[A-Za-z0-9/+_-]{17,}/.test(f.message.replace(/…\(\d+ chars\)/g, '')) && files.get(f.file)?.includes(f.message.match(/[A-Za-z0-9/+_-]{17,}/)[0])) {
    console.log(`UNREDACTED value in finding ${f.file}:${f.line}`);
    process.exitCode = 1;
  }
}
// the parallel scan reads raw bytes (src/secrets/scan-bytes.ts): it must report exactly the same
const direct = await RepoContext.create(dir, { ignore: DEFAULT_IGNORES, maxFileSize: 2 * 1024 * 1024, gitignore: false });
sameInWorkers('corpus', outcome, await scan(direct, 2));
if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });

// Unlabelled real code: the project's own dependencies (third-party JS/TS, docs, tests). Nothing
// there is a live credential, so every scored finding is presumed a false positive.
const real = path.join(ROOT, 'node_modules');
if (existsSync(real)) {
  const deps = await RepoContext.create(real, { ignore: ['.git/'], maxFileSize: 2 * 1024 * 1024, gitignore: false });
  const depsText = await RepoContext.create(real, { ignore: ['.git/'], maxFileSize: 2 * 1024 * 1024, gitignore: false, fs: viaContext });
  const mb = deps.files.reduce((n, f) => n + f.size, 0) / 1e6;
  const out = await scan(depsText, 0);
  sameInWorkers('node_modules', out, await scan(deps, 2));
  // over 32 MB the byte scan runs in this thread too when no worker is asked for
  sameInWorkers('node_modules, this thread only', out, await scan(deps, 0));
  const flagged = out.findings.filter((f) => f.id !== 'test-fixture');
  console.log(`\nreal code (node_modules, unlabelled): ${deps.files.length} files, ${mb.toFixed(1)} MB: ${flagged.length} scored findings (presumed false positives), ${out.findings.length - flagged.length} test fixtures`);
  for (const f of flagged.slice(0, 20)) console.log(`  ${f.id}  ${f.file}:${f.line}  ${f.message}`);
}
if (recall < TARGET || precision < TARGET) {
  console.log(`\nbelow the ${TARGET} target`);
  process.exitCode = 1;
}

function scan(target, workers) {
  return check.run({
    repo: target,
    options: { rules: [], disable: [], allowPaths: [], allowValues: [], historyMaxCommits: 0, workers },
    url: null,
    settings: { offline: true, advisoryDb: null, databaseUrl: null, history: false },
    signal: new AbortController().signal,
  });
}

function sameInWorkers(label, inThread, inWorkers) {
  const a = JSON.stringify(inThread.findings);
  const b = JSON.stringify(inWorkers.findings);
  console.log(`${label}: the raw-bytes scan reports ${a === b ? 'the same' : 'DIFFERENT'} ${inWorkers.findings.length} findings as the text scan`);
  if (a !== b) process.exitCode = 1;
}

function summarise(lines) {
  return lines.slice(0, 40).map((l) => '  ' + l).join('\n') + (lines.length > 40 ? `\n  … ${lines.length - 40} more` : '');
}
