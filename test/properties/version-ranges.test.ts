/**
 * Version-range matching against OSV ranges, checked against an independent oracle: the semver
 * package for npm, and for PyPI the ordering of generated release tuples (PEP 440's own rules).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import semver from 'semver';
import { matchRecord } from '../../src/advisories/affected.js';
import { toOsvRecord } from '../../src/advisories/osv.js';
import { comparePep440, formatPep440, normalizePep440, parsePep440 } from '../../src/advisories/pep440.js';

function record(ecosystem: string, type: string, events: object[], versions: string[] = []) {
  const r = toOsvRecord({ id: 'TEST-1', affected: [{ package: { ecosystem, name: 'pkg' }, ranges: [{ type, events }], versions }] });
  if (!r) throw new Error('fixture record rejected');
  return r;
}

const semverText = fc
  .tuple(fc.nat(20), fc.nat(20), fc.nat(20), fc.option(fc.tuple(fc.constantFrom('alpha', 'beta', 'rc'), fc.nat(5)), { nil: undefined }))
  .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre ? `-${pre[0]}.${pre[1]}` : ''}`);

/** Release tuple, optional pre-release, post and dev parts, written in a random legal spelling. */
const pepParts = fc.record({
  release: fc.array(fc.nat(12), { minLength: 1, maxLength: 4 }),
  pre: fc.option(fc.tuple(fc.constantFrom('a', 'b', 'rc'), fc.nat(5)), { nil: undefined }),
  post: fc.option(fc.nat(5), { nil: undefined }),
  dev: fc.option(fc.nat(5), { nil: undefined }),
});
const pepText = pepParts.map((p) => `${p.release.join('.')}${p.pre ? p.pre[0] + p.pre[1] : ''}${p.post !== undefined ? `.post${p.post}` : ''}${p.dev !== undefined ? `.dev${p.dev}` : ''}`);
const pepSpelling = pepParts.chain((p) =>
  fc
    .tuple(fc.constantFrom('', 'v', 'V'), fc.constantFrom('', '-', '.', '_'), fc.constantFrom('', '.', '-'), fc.boolean())
    .map(([v, preSep, postSep, upper]) => {
      const pre = p.pre ? `${preSep}${{ a: 'alpha', b: 'beta', rc: 'c' }[p.pre[0]]}${p.pre[1]}` : '';
      const text = `${v}${p.release.join('.')}${pre}${p.post !== undefined ? `${postSep}post${p.post}` : ''}${p.dev !== undefined ? `.dev${p.dev}` : ''}`;
      const canonical = `${p.release.join('.')}${p.pre ? p.pre[0] + p.pre[1] : ''}${p.post !== undefined ? `.post${p.post}` : ''}${p.dev !== undefined ? `.dev${p.dev}` : ''}`;
      return { text: upper ? text.toUpperCase() : text, canonical };
    }),
);

describe('npm (semver) ranges agree with the semver package', () => {
  it('introduced/fixed: affected iff introduced <= v < fixed', () => {
    fc.assert(
      fc.property(semverText, semverText, semverText, (a, b, v) => {
        const [lo, hi] = semver.lte(a, b) ? [a, b] : [b, a];
        const hit = matchRecord(record('npm', 'SEMVER', [{ introduced: lo }, { fixed: hi }]), 'npm', 'pkg', v) !== null;
        expect(hit).toBe(semver.gte(v, lo) && semver.lt(v, hi));
      }),
      { numRuns: 1000 },
    );
  });

  it('last_affected is inclusive, introduced 0 opens the range', () => {
    fc.assert(
      fc.property(semverText, semverText, (last, v) => {
        const hit = matchRecord(record('npm', 'SEMVER', [{ introduced: '0' }, { last_affected: last }]), 'npm', 'pkg', v) !== null;
        expect(hit).toBe(semver.lte(v, last));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('PyPI (PEP 440) ranges and versions', () => {
  it('parse ∘ format is the identity on canonical versions, and normalisation is idempotent', () => {
    fc.assert(
      fc.property(pepText, (text) => {
        const v = parsePep440(text);
        expect(v).not.toBeNull();
        expect(parsePep440(formatPep440(v!))).toEqual(v);
        const n = normalizePep440(text)!;
        expect(normalizePep440(n)).toBe(n);
      }),
      { numRuns: 1000 },
    );
  });

  it('alternative spellings normalise to the canonical form', () => {
    fc.assert(
      fc.property(pepSpelling, ({ text, canonical }) => {
        expect(normalizePep440(text)).toBe(normalizePep440(canonical));
      }),
      { numRuns: 1000 },
    );
  });

  it('comparison is a total order: antisymmetric and transitive', () => {
    fc.assert(
      fc.property(pepText, pepText, pepText, (a, b, c) => {
        const [x, y, z] = [a, b, c].map((t) => parsePep440(t)!);
        expect(Math.sign(comparePep440(x, y))).toBe(-Math.sign(comparePep440(y, x)));
        if (comparePep440(x, y) <= 0 && comparePep440(y, z) <= 0) expect(comparePep440(x, z)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('trailing zeros in the release do not change the version', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(9), { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 3 }), (rel, zeros) => {
        const a = parsePep440(rel.join('.'))!;
        const b = parsePep440([...rel, ...Array(zeros).fill(0)].join('.'))!;
        expect(comparePep440(a, b)).toBe(0);
      }),
    );
  });

  it('introduced/fixed on ECOSYSTEM ranges agrees with the comparison', () => {
    fc.assert(
      fc.property(pepText, pepText, pepText, (a, b, v) => {
        const [pa, pb, pv] = [a, b, v].map((t) => parsePep440(t)!);
        const [lo, hi] = comparePep440(pa, pb) <= 0 ? [a, b] : [b, a];
        const [plo, phi] = comparePep440(pa, pb) <= 0 ? [pa, pb] : [pb, pa];
        const hit = matchRecord(record('PyPI', 'ECOSYSTEM', [{ introduced: lo }, { fixed: hi }]), 'PyPI', 'pkg', v) !== null;
        expect(hit).toBe(comparePep440(pv, plo) >= 0 && comparePep440(pv, phi) < 0);
      }),
      { numRuns: 1000 },
    );
  });

  it('a pre-release sorts before its release, a post-release after, a dev release before both', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(9), { minLength: 1, maxLength: 3 }), fc.nat(5), (rel, n) => {
        const r = rel.join('.');
        const [dev, pre, final, post] = [`${r}.dev${n}`, `${r}rc${n}`, r, `${r}.post${n}`].map((t) => parsePep440(t)!);
        expect(comparePep440(dev, pre)).toBeLessThan(0);
        expect(comparePep440(pre, final)).toBeLessThan(0);
        expect(comparePep440(final, post)).toBeLessThan(0);
      }),
    );
  });
});
