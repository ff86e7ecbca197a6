/**
 * What a vulnerability finding tells the reader: the advisories (with a CVE alias when there is
 * one), their severities, the versions that fix each, and the smallest upgrade that fixes them all.
 */
import type { Severity } from '../engine/check-api.js';
import { severityRank } from '../engine/check-api.js';
import { compareComparable, parseEcosystemVersion, type Ecosystem } from './ecosystems.js';
import type { AffectedMatch } from './affected.js';
import { severityOf } from './severity.js';

export interface RatedMatch {
  id: string;
  label: string;
  severity: Severity;
  /** True when the data gave no severity and the fallback decided. */
  assumed: boolean;
  /** The smallest fixing version above the installed one; null when no fix is known. */
  fix: string | null;
}

export function rateMatches(matches: AffectedMatch[], ecosystem: Ecosystem, installed: string, unknown: Severity): RatedMatch[] {
  const rated = matches.map((m): RatedMatch => {
    const s = severityOf(m.record, m.entry);
    const cve = m.record.aliases.find((a) => a.startsWith('CVE-'));
    return {
      id: m.record.id,
      label: cve && cve !== m.record.id ? `${m.record.id} (${cve})` : m.record.id,
      severity: s.severity ?? unknown,
      assumed: s.severity === null,
      fix: smallestAbove(ecosystem, installed, m.fixed),
    };
  });
  return rated.sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.id.localeCompare(b.id));
}

function smallestAbove(ecosystem: Ecosystem, installed: string, fixed: string[]): string | null {
  const current = parseEcosystemVersion(ecosystem, installed);
  let best: { text: string; v: NonNullable<ReturnType<typeof parseEcosystemVersion>> } | null = null;
  for (const f of fixed) {
    const v = parseEcosystemVersion(ecosystem, f);
    if (!v || (current && compareComparable(v, current) <= 0)) continue;
    if (!best || compareComparable(v, best.v) < 0) best = { text: f, v };
  }
  return best?.text ?? null;
}

/** The upgrade that clears every advisory that has a fix: the largest of their smallest fixes. */
export function upgradeTarget(ecosystem: Ecosystem, rated: RatedMatch[]): string | null {
  let best: { text: string; v: NonNullable<ReturnType<typeof parseEcosystemVersion>> } | null = null;
  for (const r of rated) {
    if (!r.fix) continue;
    const v = parseEcosystemVersion(ecosystem, r.fix);
    if (v && (!best || compareComparable(v, best.v) > 0)) best = { text: r.fix, v };
  }
  return best?.text ?? null;
}

export function worstSeverity(rated: RatedMatch[]): Severity {
  return rated.reduce<Severity>((worst, r) => (severityRank(r.severity) < severityRank(worst) ? r.severity : worst), 'low');
}
