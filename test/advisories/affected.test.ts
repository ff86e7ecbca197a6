import { describe, expect, it } from 'vitest';
import { matchRecord } from '../../src/advisories/affected.js';
import { toOsvRecord, type OsvEvent } from '../../src/advisories/osv.js';
import { severityOf, ratingOf } from '../../src/advisories/severity.js';
import { rateMatches } from '../../src/advisories/advice.js';

function record(ecosystem: string, name: string, events: OsvEvent[], extra: Record<string, unknown> = {}, type = 'ECOSYSTEM') {
  const r = toOsvRecord({ id: 'TEST-1', affected: [{ package: { ecosystem, name }, ranges: [{ type, events }], ...(extra.affected as object) }], ...extra });
  if (!r) throw new Error('record rejected');
  return r;
}

describe('OSV affected ranges', () => {
  const pypi = record('PyPI', 'Jinja2', [{ introduced: '0' }, { fixed: '2.10.1' }, { introduced: '2.11.0' }, { fixed: '2.11.3' }]);

  it.each([
    ['2.10', true],
    ['2.10.0', true],
    ['2.10.1', false],
    ['2.10.1.post1', false],
    ['2.11.0rc1', false],
    ['2.11.0', true],
    ['2.11.3', false],
    ['3.0', false],
    ['2.10.1rc1', true],
  ])('PyPI ECOSYSTEM ranges, PEP 440 order: jinja2 %s → %s', (version, affected) => {
    expect(matchRecord(pypi, 'PyPI', 'jinja2', version) !== null).toBe(affected);
  });

  it('matches PyPI names by PEP 503 normalisation', () => {
    const r = record('PyPI', 'Flask_SQLAlchemy', [{ introduced: '0' }, { fixed: '3.0' }]);
    expect(matchRecord(r, 'PyPI', 'flask-sqlalchemy', '2.5')).not.toBeNull();
    expect(matchRecord(r, 'PyPI', 'Flask.SQLAlchemy', '2.5')).not.toBeNull();
    expect(matchRecord(r, 'npm', 'flask-sqlalchemy', '2.5.0')).toBeNull();
  });

  it('last_affected is inclusive, fixed exclusive', () => {
    const r = record('npm', 'x', [{ introduced: '1.0.0' }, { last_affected: '1.4.2' }]);
    expect(matchRecord(r, 'npm', 'x', '1.4.2')).not.toBeNull();
    expect(matchRecord(r, 'npm', 'x', '1.4.3')).toBeNull();
    expect(matchRecord(r, 'npm', 'x', '0.9.0')).toBeNull();
  });

  it('limit bounds a range', () => {
    const r = record('npm', 'x', [{ introduced: '0' }, { limit: '2.0.0' }]);
    expect(matchRecord(r, 'npm', 'x', '1.9.9')).not.toBeNull();
    expect(matchRecord(r, 'npm', 'x', '2.0.0')).toBeNull();
  });

  it('SEMVER ranges order pre-releases as SemVer does', () => {
    const r = record('npm', 'x', [{ introduced: '0' }, { fixed: '2.0.0' }], {}, 'SEMVER');
    expect(matchRecord(r, 'npm', 'x', '2.0.0-beta.1')).not.toBeNull();
    expect(matchRecord(r, 'npm', 'x', '2.0.0')).toBeNull();
  });

  it('the versions list matches on its own, with PEP 440 equality', () => {
    const r = toOsvRecord({ id: 'T', affected: [{ package: { ecosystem: 'PyPI', name: 'a' }, versions: ['1.0', '1.1'] }] })!;
    expect(matchRecord(r, 'PyPI', 'a', '1.0.0')).not.toBeNull();
    expect(matchRecord(r, 'PyPI', 'a', '1.2')).toBeNull();
  });

  it('GIT ranges and unreadable bounds never match a release by guesswork', () => {
    const git = record('PyPI', 'a', [{ introduced: '0' }, { fixed: 'abc123' }], {}, 'GIT');
    expect(matchRecord(git, 'PyPI', 'a', '1.0')).toBeNull();
    const bad = record('PyPI', 'a', [{ introduced: '0' }, { fixed: 'not a version' }]);
    expect(matchRecord(bad, 'PyPI', 'a', '1.0')).toBeNull();
  });

  it('withdrawn advisories do not match', () => {
    const r = record('npm', 'x', [{ introduced: '0' }], { withdrawn: '2024-01-01T00:00:00Z' });
    expect(matchRecord(r, 'npm', 'x', '1.0.0')).toBeNull();
  });

  it('reports the fixed versions of the matching range; the advice picks the first above the installed one', () => {
    const m = matchRecord(pypi, 'PyPI', 'jinja2', '2.11.1')!;
    expect(m.fixed).toEqual(['2.10.1', '2.11.3']);
    expect(rateMatches([m], 'PyPI', '2.11.1', 'high')[0].fix).toBe('2.11.3');
    expect(rateMatches([matchRecord(pypi, 'PyPI', 'jinja2', '2.9')!], 'PyPI', '2.9', 'high')[0].fix).toBe('2.10.1');
  });
});

describe('severity', () => {
  const base = { id: 'S', affected: [{ package: { ecosystem: 'npm', name: 'x' } }] };
  const rate = (extra: Record<string, unknown>) => {
    const r = toOsvRecord({ ...base, ...extra })!;
    return severityOf(r, r.affected[0]);
  };

  it('CVSS v3.1 base score (9.8 critical, 7.4 high, 5.3 medium)', () => {
    expect(rate({ severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }] })).toEqual({ severity: 'critical', source: 'CVSS 3.1 9.8' });
    expect(rate({ severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H' }] }).source).toBe('CVSS 3.1 7.4');
    expect(rate({ severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L' }] }).severity).toBe('medium');
  });

  it('CVSS v4 takes precedence over v3', () => {
    const s = rate({
      severity: [
        { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L' },
        { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
      ],
    });
    expect(s).toEqual({ severity: 'critical', source: 'CVSS 4.0 9.3' });
  });

  it('CVSS v2 and the database word; malformed vectors fall through', () => {
    expect(rate({ severity: [{ type: 'CVSS_V2', score: 'AV:N/AC:L/Au:N/C:P/I:P/A:P' }] }).severity).toBe('high');
    expect(rate({ severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N' }], database_specific: { severity: 'MODERATE' } })).toEqual({ severity: 'medium', source: 'database: MODERATE' });
    expect(rate({ severity: [{ type: 'CVSS_V3', score: 'garbage' }] })).toEqual({ severity: null, source: null });
  });

  it('rating cut-offs', () => {
    expect([9, 8.9, 7, 6.9, 4, 3.9, 0.1, 0].map(ratingOf)).toEqual(['critical', 'high', 'high', 'medium', 'medium', 'low', 'low', null]);
  });
});
