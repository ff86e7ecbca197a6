// Shared by the labelled-verdict evaluations (appsec.mjs, ops-checks.mjs): runs each labelled check
// over each case folder of a corpus and prints agreement of statuses with the labels, per check and
// overall, plus missed problems versus false alarms. A verdict is pass | partial | fail | n/a.
// Imports the built dist/.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = (p) => import(path.join(root, 'dist', p));

/** `corpus` relative to the repository root, holding `labels.json` ({ checks: {key: id}, cases: {name: {key: verdict}} }). */
export async function evaluateAgreement({ title, corpus: corpusRel, gitignore = true, idWidth = 28 }) {
  const { RepoContext } = await dist('src/context/repo-context.js');
  const { DEFAULT_IGNORES } = await dist('src/context/walk.js');
  const { runOne } = await dist('src/engine/run-checks.js');
  const { DEFAULT_SETTINGS } = await dist('src/engine/check-api.js');

  const corpus = path.join(root, corpusRel);
  const labels = JSON.parse(readFileSync(path.join(corpus, 'labels.json'), 'utf8'));
  const checks = {};
  for (const [key, id] of Object.entries(labels.checks)) checks[key] = (await dist(`checks/${id}/index.js`)).default;

  const verdictOf = (status) => (status === 'not-applicable' ? 'n/a' : status);
  const perCheck = Object.fromEntries(Object.keys(checks).map((k) => [k, { agree: 0, total: 0 }]));
  const confusion = {};
  const misses = [];
  const started = performance.now();
  for (const [name, expected] of Object.entries(labels.cases)) {
    const repo = await RepoContext.create(path.join(corpus, name), { ignore: DEFAULT_IGNORES, maxFileSize: 2 * 1024 * 1024, gitignore });
    for (const [key, check] of Object.entries(checks)) {
      if (!(key in expected)) continue;
      const planned = { check, id: check.meta.id, category: check.meta.category, weight: 1, severity: check.meta.severity, options: defaults(check), timeoutMs: 30_000, skipReason: null, readmePath: null };
      const result = await runOne(planned, repo, null, { ...DEFAULT_SETTINGS, offline: true });
      const got = verdictOf(result.status);
      const want = expected[key];
      perCheck[key].total++;
      confusion[`${want}→${got}`] = (confusion[`${want}→${got}`] ?? 0) + 1;
      if (got === want) perCheck[key].agree++;
      else misses.push(`${name} · ${check.meta.id}: labelled ${want}, got ${got}${result.reason ? ` (${result.reason})` : ''} ${result.findings.map((f) => f.id).join(', ')}`);
    }
  }

  const total = Object.values(perCheck).reduce((a, c) => a + c.total, 0);
  const agree = Object.values(perCheck).reduce((a, c) => a + c.agree, 0);
  const pct = (a, t) => `${((100 * a) / t).toFixed(1)}%`;
  console.log(`${title} vs labelled verdicts: ${Object.keys(labels.cases).length} cases, ${total} verdicts, ${(performance.now() - started).toFixed(0)} ms`);
  for (const [key, c] of Object.entries(perCheck)) console.log(`  ${checks[key].meta.id.padEnd(idWidth)} ${String(c.agree).padStart(3)}/${String(c.total).padEnd(3)} ${pct(c.agree, c.total)}`);
  console.log(`  ${'overall agreement'.padEnd(idWidth)} ${String(agree).padStart(3)}/${String(total).padEnd(3)} ${pct(agree, total)}`);
  // a failing repository scored as passing is the costly error
  const count = (re) => Object.entries(confusion).filter(([k]) => re.test(k)).reduce((a, [, n]) => a + n, 0);
  console.log(`  problems missed (labelled fail/partial, got pass/n-a): ${count(/^(fail|partial)→(pass|n\/a)$/)}; false alarms (labelled pass/n-a, got fail/partial): ${count(/^(pass|n\/a)→(fail|partial)$/)}`);
  if (misses.length) {
    console.log('disagreements:');
    for (const m of misses) console.log(`  ${m}`);
  }
  return { agree, total };
}

function defaults(check) {
  const props = check.meta.optionsSchema?.properties ?? {};
  return Object.fromEntries(Object.entries(props).filter(([, s]) => 'default' in s).map(([k, s]) => [k, s.default]));
}
