/**
 * Does an OSV record affect one installed version? Implements the schema's evaluation: the
 * `versions` list, and `ECOSYSTEM`/`SEMVER` ranges whose events are walked in version order
 * (`introduced`, `fixed`, `last_affected`, bounded by `limit`). `GIT` ranges name commits, not
 * releases, and cannot match a lockfile version.
 */
import { compareComparable, normalizeName, parseEcosystemVersion, parseSemver, sameVersion, type Comparable, type Ecosystem } from './ecosystems.js';
import { baseEcosystem, type OsvAffected, type OsvEvent, type OsvRange, type OsvRecord } from './osv.js';

export interface AffectedMatch {
  record: OsvRecord;
  entry: OsvAffected;
  /** Versions that fix it, from the ranges that matched (empty when no fix is known). */
  fixed: string[];
}

export function affectedEntries(record: OsvRecord, ecosystem: Ecosystem, name: string): OsvAffected[] {
  const wanted = normalizeName(ecosystem, name);
  return record.affected.filter((a) => baseEcosystem(a.ecosystem) === ecosystem && normalizeName(ecosystem, a.name) === wanted);
}

export function matchRecord(record: OsvRecord, ecosystem: Ecosystem, name: string, version: string): AffectedMatch | null {
  if (record.withdrawn) return null;
  for (const entry of affectedEntries(record, ecosystem, name)) {
    const fixed = new Set<string>();
    let hit = entry.versions.some((v) => sameVersion(ecosystem, v, version));
    for (const range of entry.ranges) {
      const verdict = inRange(range, ecosystem, version);
      if (verdict) {
        hit = true;
        for (const e of range.events) if (e.fixed !== undefined) fixed.add(e.fixed);
      }
    }
    if (hit) {
      // a version listed but outside every range still gets the range's fixes as advice
      if (fixed.size === 0) for (const r of entry.ranges) for (const e of r.events) if (e.fixed !== undefined) fixed.add(e.fixed);
      return { record, entry, fixed: [...fixed] };
    }
  }
  return null;
}

function parserFor(range: OsvRange, ecosystem: Ecosystem): ((v: string) => Comparable | null) | null {
  if (range.type === 'SEMVER') return parseSemver;
  if (range.type === 'ECOSYSTEM') return (v) => parseEcosystemVersion(ecosystem, v);
  return null;
}

type Parsed = { kind: keyof OsvEvent; at: Comparable | 'zero' };

function inRange(range: OsvRange, ecosystem: Ecosystem, version: string): boolean {
  const parse = parserFor(range, ecosystem);
  if (!parse) return false;
  const v = parse(version);
  if (!v) return false;
  const parsed: Parsed[] = [];
  for (const event of range.events) {
    const [kind, value] = Object.entries(event)[0] as [keyof OsvEvent, string];
    if (kind === 'introduced' && value === '0') {
      parsed.push({ kind, at: 'zero' });
      continue;
    }
    const at = parse(value);
    // one unreadable bound makes the whole range unreadable: guessing could hide a vulnerability
    // as easily as invent one, so the `versions` list decides instead
    if (!at) return false;
    parsed.push({ kind, at });
  }
  const cmp = (x: Comparable | 'zero', y: Comparable | 'zero') => (x === 'zero' ? (y === 'zero' ? 0 : -1) : y === 'zero' ? 1 : compareComparable(x, y));
  parsed.sort((a, b) => cmp(a.at, b.at));

  const limits = parsed.filter((p) => p.kind === 'limit');
  if (limits.length > 0 && limits.every((l) => cmp(v, l.at) >= 0)) return false;
  let affected = false;
  for (const p of parsed) {
    const c = cmp(v, p.at);
    if (p.kind === 'introduced' && c >= 0) affected = true;
    else if (p.kind === 'fixed' && c >= 0) affected = false;
    else if (p.kind === 'last_affected' && c > 0) affected = false;
  }
  return affected;
}
