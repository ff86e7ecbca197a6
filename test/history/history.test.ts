import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendHistory, HISTORY_FILE, readHistory } from '../../src/history/history-file.js';
import { recordFromReport, type HistoryRecord } from '../../src/history/history-record.js';
import { historyOffReason } from '../../src/history/history-policy.js';
import { recordRun } from '../../src/history/record-run.js';
import { loadLastReport } from '../../src/history/last-report.js';
import { latestDrill, latestLoad } from '../../src/history/lifecycle-records.js';
import { PACKAGE_ROOT } from '../../src/package-root.js';
import { fixtureReport } from '../report/fixture-report.js';

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'mina-history-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const record = (score: number, time = `2026-03-${String(10 + (score % 18)).padStart(2, '0')}T08:00:00.000Z`): HistoryRecord => ({
  ...recordFromReport(fixtureReport()),
  score,
  time,
});

describe('history file', () => {
  it('appends one compact record per run and reads them back oldest first', async () => {
    await appendHistory(root, record(40, '2026-03-10T08:00:00.000Z'));
    await appendHistory(root, record(55, '2026-03-11T08:00:00.000Z'));
    const { records, warnings } = await readHistory(root);
    expect(warnings).toEqual([]);
    expect(records.map((r) => r.score)).toEqual([40, 55]);
    expect(records[0].checks['cors.wildcard']).toBe('partial');
    const lines = readFileSync(path.join(root, HISTORY_FILE), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0])).not.toHaveProperty('findings.0'); // counts, never finding text
  });

  it('skips a corrupt line with a warning naming it, keeping the others', async () => {
    await appendHistory(root, record(40));
    writeFileSync(path.join(root, HISTORY_FILE), readFileSync(path.join(root, HISTORY_FILE), 'utf8') + '{"v":1,"time":"yesterday"}\nnot json at all\n');
    await appendHistory(root, record(60));
    const { records, warnings } = await readHistory(root);
    expect(records.map((r) => r.score)).toEqual([40, 60]);
    expect(warnings).toEqual([`${HISTORY_FILE}: line 2 is not a valid history record; skipped`, `${HISTORY_FILE}: line 3 is not a valid history record; skipped`]);
  });

  it('starts a fresh line after a torn write, so the torn line costs only itself', async () => {
    await appendHistory(root, record(40));
    writeFileSync(path.join(root, HISTORY_FILE), readFileSync(path.join(root, HISTORY_FILE), 'utf8') + '{"v":1,"time":"2026-03-1');
    await appendHistory(root, record(70));
    const { records, warnings } = await readHistory(root);
    expect(records.map((r) => r.score)).toEqual([40, 70]);
    expect(warnings).toHaveLength(1);
  });

  it('loses no record when runs append at the same time', async () => {
    await Promise.all(Array.from({ length: 25 }, (_, i) => appendHistory(root, record(i))));
    const { records, warnings } = await readHistory(root);
    expect(warnings).toEqual([]);
    expect(records.map((r) => r.score).sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => i));
  });

  it('compacts a large file to the newest records', async () => {
    mkdirSync(path.join(root, '.mina'));
    const line = JSON.stringify(record(10, '2026-01-01T00:00:00.000Z')) + '\n';
    writeFileSync(path.join(root, HISTORY_FILE), line.repeat(Math.ceil((2.1 * 1024 * 1024) / line.length)));
    await appendHistory(root, record(99, '2026-04-01T00:00:00.000Z'));
    const { records } = await readHistory(root);
    expect(records).toHaveLength(1000);
    expect(records.at(-1)!.score).toBe(99);
  });

  it('never writes through a planted symlink', async () => {
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'mina-elsewhere-'));
    try {
      symlinkSync(elsewhere, path.join(root, '.mina'));
      await expect(appendHistory(root, record(1))).rejects.toThrow(/not a plain directory/);
      rmSync(path.join(root, '.mina'));
      mkdirSync(path.join(root, '.mina'));
      const victim = path.join(elsewhere, 'profile');
      writeFileSync(victim, 'keep me\n');
      symlinkSync(victim, path.join(root, HISTORY_FILE));
      await expect(appendHistory(root, record(1))).rejects.toThrow();
      expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('recording a run', () => {
  it('appends the record and keeps the report for mina report', async () => {
    const report = { ...fixtureReport(), target: { ...fixtureReport().target, path: root } };
    expect(await recordRun(report, undefined)).toEqual([]);
    expect((await readHistory(root)).records).toHaveLength(1);
    const saved = await loadLastReport(root);
    expect(saved?.score).toBe(48.6);
    expect(saved).not.toHaveProperty('docs');
  });

  it('records nothing with --no-history', async () => {
    const report = { ...fixtureReport(), target: { ...fixtureReport().target, path: root } };
    await recordRun(report, false);
    expect(existsSync(path.join(root, '.mina'))).toBe(false);
  });

  it('turns a failure to record into a warning, never an error', async () => {
    writeFileSync(path.join(root, '.mina'), 'a file, not a folder');
    const report = { ...fixtureReport(), target: { ...fixtureReport().target, path: root } };
    const warnings = await recordRun(report, undefined);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^history not recorded/);
  });

  it("is off for mina's own package and everything inside it, on elsewhere", () => {
    expect(historyOffReason(path.join(PACKAGE_ROOT, 'checks', 'ops.runbooks', 'fixtures', 'complete'), undefined)).toMatch(/mina's own package/);
    expect(historyOffReason(PACKAGE_ROOT, undefined)).toMatch(/mina's own package/);
    expect(historyOffReason(path.dirname(PACKAGE_ROOT), undefined)).toBeNull();
    expect(historyOffReason(root, undefined)).toBeNull();
    expect(historyOffReason(root, false)).toBe('--no-history');
  });
});

describe('drill results', () => {
  it('reads the newest valid drill and ignores files that are not drills', async () => {
    const dir = path.join(root, '.mina', 'drills');
    mkdirSync(dir, { recursive: true });
    const drill = { startedAt: '2026-03-13T10:00:00.000Z', mode: 'embedded', rowsCommitted: 10, rowsRestored: 10, rowsLost: 0, rtoMs: 900, verified: true };
    writeFileSync(path.join(dir, '2026-03-12T10-00-00Z.json'), JSON.stringify({ ...drill, startedAt: '2026-03-12T10:00:00.000Z', rtoMs: 5000 }));
    writeFileSync(path.join(dir, '2026-03-13T10-00-00Z.json'), JSON.stringify(drill));
    writeFileSync(path.join(dir, '2026-03-14T10-00-00Z.json'), '{"startedAt": "2026-03-14T10:00:00Z"}');
    expect(await latestDrill(root)).toMatchObject({ rtoMs: 900, file: '.mina/drills/2026-03-13T10-00-00Z.json' });
  });

  it('reads the newest load result in the shape mina service load writes', async () => {
    const dir = path.join(root, '.mina', 'loads');
    mkdirSync(dir, { recursive: true });
    const load = { schemaVersion: 1, kind: 'load', startedAt: '2026-03-13T10:00:00.000Z', latencyMs: { p50: 4, p95: 12.6, p99: 30, max: 80, mean: 5 }, errorRate: 0.0004, requests: { total: 5000 } };
    writeFileSync(path.join(dir, '2026-03-13T10-00-00-000Z.json'), JSON.stringify(load));
    expect(await latestLoad(root)).toEqual({ file: '.mina/loads/2026-03-13T10-00-00-000Z.json', startedAt: load.startedAt, p95Ms: 12.6, errorRate: 0.0004, requests: 5000 });
    expect(await latestDrill(root)).toBeNull();
  });
});
