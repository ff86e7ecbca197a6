import { describe, expect, it } from 'vitest';
import { buildRoadmap } from '../../src/report/roadmap/build-roadmap.js';
import { buildKpis } from '../../src/report/roadmap/kpis.js';
import { buildTrend, sparkline } from '../../src/report/roadmap/trend.js';
import { staleness } from '../../src/commands/report.js';
import { VERSION } from '../../src/package-root.js';
import { FIXTURE_DRILL, FIXTURE_LEVELS, fixtureHistory, fixtureReport } from './fixture-report.js';

describe('roadmap', () => {
  const roadmap = buildRoadmap({ report: fixtureReport(), levels: FIXTURE_LEVELS, history: fixtureHistory(), drill: FIXTURE_DRILL });

  it('lists what is done by category', () => {
    expect(roadmap.done.map((g) => [g.category, g.checks.map((c) => c.id)])).toEqual([
      ['ops', ['ops.security-policy']],
      ['testing', ['tests.present']],
    ]);
  });

  it("plans every level not reached, each item ranked by weight × missing score", () => {
    expect(roadmap.phases.map((p) => p.id)).toEqual(['phase-1', 'phase-2', 'phase-3']);
    const [next, later, empty] = roadmap.phases;
    expect(next.items.map((i) => [i.id, i.priority])).toEqual([
      ['secrets.hardcoded', 10],
      ['cors.wildcard', 5],
    ]);
    // the skipped live check blocks the level but adds no score: it was not evaluated
    expect(later.items.map((i) => [i.id, i.gain])).toEqual([
      ['slo.latency', null],
      ['ops.change-management', 6.3],
    ]);
    expect(empty.undefinedLevel).toBe(true);
    expect(roadmap.other.map((i) => i.id)).toEqual(['ops.runbooks']);
  });

  it('computes the score gain of each fix from the evaluated weight', () => {
    // evaluated weight: 10 + 10 + 3 + 2 + 2 + 5 = 32; secrets.hardcoded at 0 of weight 10 → 31.25 points
    expect(roadmap.next.map((i) => [i.id, i.gain])).toEqual([
      ['secrets.hardcoded', 31.3],
      ['cors.wildcard', 15.6],
      ['ops.change-management', 6.3],
    ]);
  });

  it('gives each item its hints, the README fix and the init command where one exists', () => {
    const runbooks = roadmap.other[0];
    expect(runbooks.findings.map((f) => f.hint)).toEqual(['add a section on how to restore the database from backup', 'add a section on what each common alert means']);
    expect(runbooks.fix).toContain('docs/runbooks/');
    expect(runbooks.init).toBe('mina init --only ops.runbooks');
    expect(roadmap.phases[0].items[0].init).toBeNull();
  });

  it('starts from the first level when none is reached, and plans nothing when all are', () => {
    const report = fixtureReport();
    report.level = { id: 'phase-2', title: 'Infrastructure & automation', next: 'phase-3' };
    expect(buildRoadmap({ report, levels: FIXTURE_LEVELS, history: [], drill: null }).phases.map((p) => p.id)).toEqual(['phase-3']);
  });
});

describe('KPIs', () => {
  it('measures what the run and the latest drill measured, and says how to measure the rest', () => {
    const kpis = Object.fromEntries(buildKpis(fixtureReport(), FIXTURE_DRILL).map((k) => [k.name, k]));
    expect(kpis['Readiness score']).toMatchObject({ measured: '48.6/100', met: false, target: '≥ 70' });
    expect(kpis['Critical findings']).toMatchObject({ measured: '2', met: false });
    expect(kpis['Recovery (RTO, data lost)']).toMatchObject({ met: true, source: FIXTURE_DRILL.file });
    expect(kpis['Recovery (RTO, data lost)'].measured).toContain('RTO 8.4 s, 0 of 100000 rows lost');
    expect(kpis['API latency (p95) and error rate']).toMatchObject({ measured: null, met: null });
    expect(kpis['API latency (p95) and error rate'].source).toContain('needs --url');
  });

  it('measures latency from the latest load run', () => {
    const load = { file: '.mina/loads/x.json', startedAt: '2026-03-13T10:00:00.000Z', p95Ms: 250.4, errorRate: 0.0004, requests: 5000 };
    const kpi = buildKpis(fixtureReport(), null, load).find((k) => k.name.startsWith('API latency'))!;
    expect(kpi).toMatchObject({ measured: 'p95 250 ms, 0.04% errors over 5000 requests (2026-03-13)', met: false, source: '.mina/loads/x.json' });
  });

  it('fails the recovery KPI when a drill lost rows', () => {
    const kpi = buildKpis(fixtureReport(), { ...FIXTURE_DRILL, rowsLost: 3 }).find((k) => k.name.startsWith('Recovery'))!;
    expect(kpi.met).toBe(false);
  });
});

describe('trend', () => {
  it('reports the change, and which checks moved in the last run', () => {
    const t = buildTrend(fixtureHistory())!;
    expect(t.change).toBe(17.4);
    expect(t.improved).toEqual(['ops.runbooks']);
    expect(t.regressed).toEqual([]);
    expect(buildTrend([])).toBeNull();
    expect(sparkline([0, 50, 100])).toBe('▁▅█');
  });
});

describe('reusing a saved result', () => {
  const fresh = () => {
    const r = fixtureReport();
    r.tool.version = VERSION;
    return r;
  };
  const now = { root: '/home/dev/shop', rubric: { name: 'default', version: 1 }, maxAgeMinutes: 60, commit: fixtureReport().target.commit };
  const at = Date.parse(fixtureReport().generatedAt) + 10 * 60_000;

  it('reuses a result of the same version, path, rubric and commit within the age limit', () => {
    expect(staleness(fresh(), now, at)).toBeNull();
  });

  it.each([
    ['another commit', { commit: 'ffff' }, 'for another commit'],
    ['another rubric', { rubric: { name: 'strict', version: 1 } }, 'for rubric default v1'],
    ['too old', { maxAgeMinutes: 5 }, 'older than 5 minutes'],
    ['another path', { root: '/elsewhere' }, 'from another path'],
  ])('runs again for %s', (_, change, why) => {
    expect(staleness(fresh(), { ...now, ...change }, at)).toBe(why);
  });
});
