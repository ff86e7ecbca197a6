/**
 * Per-ecosystem rules: how package names are compared and how versions are ordered. OSV ecosystem
 * names are case-sensitive ("PyPI", "npm"); anything else is not matched rather than guessed at.
 */
import semver from 'semver';
import { comparePep440, parsePep440, type Pep440Version } from './pep440.js';

export const ECOSYSTEMS = ['npm', 'PyPI'] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

export function isEcosystem(value: unknown): value is Ecosystem {
  return value === 'npm' || value === 'PyPI';
}

/** PEP 503 for PyPI ("Flask_SQLAlchemy" → "flask-sqlalchemy"); npm names are compared as written. */
export function normalizeName(ecosystem: Ecosystem, name: string): string {
  if (ecosystem === 'PyPI') return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
  return name.trim();
}

export function packageKey(ecosystem: Ecosystem, name: string): string {
  return `${ecosystem}:${normalizeName(ecosystem, name)}`;
}

/** A parsed version that can be compared with others of its scheme. */
export type Comparable = { scheme: 'pep440'; v: Pep440Version } | { scheme: 'semver'; v: semver.SemVer };

const pep440Cache = new Map<string, Pep440Version | null>();
const semverCache = new Map<string, semver.SemVer | null>();
const CACHE_LIMIT = 100_000;

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let hit = cache.get(key);
  if (hit === undefined && !cache.has(key)) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    hit = make();
    cache.set(key, hit);
  }
  return hit as T;
}

/** Versions of OSV `ECOSYSTEM` ranges: PEP 440 for PyPI, SemVer for npm. */
export function parseEcosystemVersion(ecosystem: Ecosystem, version: string): Comparable | null {
  if (ecosystem === 'PyPI') {
    const v = remember(pep440Cache, version, () => parsePep440(version));
    return v ? { scheme: 'pep440', v } : null;
  }
  return parseSemver(version);
}

export function parseSemver(version: string): Comparable | null {
  const v = remember(semverCache, version, () => semver.parse(version) ?? semver.parse(version, { loose: true }));
  return v ? { scheme: 'semver', v } : null;
}

export function compareComparable(a: Comparable, b: Comparable): number {
  if (a.scheme === 'pep440' && b.scheme === 'pep440') return comparePep440(a.v, b.v);
  if (a.scheme === 'semver' && b.scheme === 'semver') return semver.compare(a.v, b.v);
  throw new Error('cannot compare versions of different schemes');
}

/** Equality in the ecosystem's sense (PEP 440: "1.0" equals "1.0.0"). */
export function sameVersion(ecosystem: Ecosystem, a: string, b: string): boolean {
  if (a === b) return true;
  const pa = parseEcosystemVersion(ecosystem, a);
  const pb = parseEcosystemVersion(ecosystem, b);
  return pa !== null && pb !== null && compareComparable(pa, pb) === 0;
}
