/**
 * An advisory's severity: from its CVSS vectors (v4, then v3.x, then v2 base score, computed by
 * ae-cvss-calculator against FIRST's formulas), else from `database_specific.severity`
 * (GitHub's CRITICAL/HIGH/MODERATE/LOW), else unknown — the check's `unknownSeverity` decides.
 */
import cvss from 'ae-cvss-calculator';
import type { Severity } from '../engine/check-api.js';
import type { OsvAffected, OsvRecord, OsvSeverity } from './osv.js';

export interface RatedSeverity {
  severity: Severity | null;
  /** What it was read from, e.g. "CVSS 3.1 9.8" or "database: MODERATE". */
  source: string | null;
}

const CALCULATORS: Array<{ type: string; prefix: string | null; make: (v: string) => { calculateScores(): { base?: number } }; label: string }> = [
  { type: 'CVSS_V4', prefix: 'CVSS:4.0/', make: (v) => new cvss.Cvss4P0(v), label: 'CVSS 4.0' },
  { type: 'CVSS_V3', prefix: 'CVSS:3.1/', make: (v) => new cvss.Cvss3P1(v), label: 'CVSS 3.1' },
  { type: 'CVSS_V3', prefix: 'CVSS:3.0/', make: (v) => new cvss.Cvss3P0(v), label: 'CVSS 3.0' },
  { type: 'CVSS_V2', prefix: null, make: (v) => new cvss.Cvss2(v), label: 'CVSS 2.0' },
];

/** Qualitative rating of a CVSS v3/v4 base score (FIRST's table); v2 uses the same cut-offs here. */
export function ratingOf(score: number): Severity | null {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return null;
}

export function cvssBaseScore(entry: OsvSeverity): { score: number; label: string } | null {
  const vector = entry.score.trim();
  if (vector.length > 300) return null;
  for (const c of CALCULATORS) {
    if (c.type !== entry.type || (c.prefix !== null && !vector.startsWith(c.prefix))) continue;
    try {
      const base = c.make(vector).calculateScores().base;
      // an incomplete vector yields no base score rather than an error
      return typeof base === 'number' && Number.isFinite(base) ? { score: base, label: c.label } : null;
    } catch {
      return null;
    }
  }
  return null;
}

const DATABASE_WORDS: Record<string, Severity> = { CRITICAL: 'critical', HIGH: 'high', MODERATE: 'medium', MEDIUM: 'medium', LOW: 'low' };
const TYPE_ORDER = ['CVSS_V4', 'CVSS_V3', 'CVSS_V2'];

const cache = new WeakMap<OsvAffected, RatedSeverity>();

export function severityOf(record: OsvRecord, entry: OsvAffected): RatedSeverity {
  const hit = cache.get(entry);
  if (hit) return hit;
  const rated = compute(record, entry);
  cache.set(entry, rated);
  return rated;
}

function compute(record: OsvRecord, entry: OsvAffected): RatedSeverity {
  // a per-package severity is more specific than the record's
  for (const list of [entry.severity, record.severity]) {
    const sorted = [...list].sort((a, b) => rank(a.type) - rank(b.type));
    for (const s of sorted) {
      const scored = cvssBaseScore(s);
      if (scored) {
        const severity = ratingOf(scored.score);
        if (severity) return { severity, source: `${scored.label} ${scored.score.toFixed(1)}` };
      }
    }
  }
  for (const word of [entry.databaseSeverity, record.databaseSeverity]) {
    const severity = word ? DATABASE_WORDS[word.trim().toUpperCase()] : undefined;
    if (severity) return { severity, source: `database: ${word!.trim().toUpperCase()}` };
  }
  return { severity: null, source: null };
}

function rank(type: string): number {
  const i = TYPE_ORDER.indexOf(type);
  return i < 0 ? TYPE_ORDER.length : i;
}
