/**
 * Drops baselined findings from the results before the report is built, so the gate (which only
 * looks at listed findings) ignores them; scores are left as the checks computed them.
 */
import type { RepoContext } from '../context/repo-context.js';
import type { CheckResult } from '../engine/run-checks.js';
import { BASELINE_FILE, readBaseline, writeBaseline, type BaselineEntry } from './baseline-file.js';
import { fingerprintAll } from './fingerprint.js';

export async function applyBaseline(results: CheckResult[], repo: RepoContext): Promise<string[]> {
  const read = await readBaseline(repo.root);
  if (!read.baseline) return read.warning ? [read.warning] : [];
  const known = read.baseline.findings;
  const prints = await fingerprintAll(results, repo);
  let hidden = 0;
  let remain = 0;
  for (const r of results) {
    const kept = r.findings.filter((f) => !Object.hasOwn(known, prints.get(f)!));
    hidden += r.findings.length - kept.length;
    remain += kept.length;
    r.findings = kept;
  }
  return [`baseline ${BASELINE_FILE}: ${hidden} baselined finding${hidden === 1 ? '' : 's'} not listed, ${remain} remain`];
}

export async function recordBaseline(results: CheckResult[], repo: RepoContext): Promise<{ file: string; count: number }> {
  const prints = await fingerprintAll(results, repo);
  const entries: Record<string, BaselineEntry> = {};
  for (const r of results) for (const f of r.findings) entries[prints.get(f)!] = { check: r.id, file: f.file ?? null, finding: f.id };
  return { file: await writeBaseline(repo.root, entries), count: Object.keys(entries).length };
}
