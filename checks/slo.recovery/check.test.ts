import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

/** A project with one recorded drill, written at test time so "recent" stays recent. */
function drill(name: string, over: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), `mina-slo-recovery-${name}-`));
  mkdirSync(path.join(dir, '.mina', 'drills'), { recursive: true });
  const startedAt = (over.startedAt as string) ?? new Date(Date.now() - 2 * 24 * 3600 * 1000).toISOString();
  const record = { schemaVersion: 1, kind: 'drill', startedAt, finishedAt: startedAt, service: 'reference', mode: 'server', seededRows: 1000, rowsCommitted: 1000, rowsRestored: 1000, rowsLost: 0, rtoMs: 8400, verified: true, ...over };
  writeFileSync(path.join(dir, '.mina', 'drills', '2026-01-01T00-00-00-000Z.json'), JSON.stringify(record));
  return dir;
}

const DRILL = '.mina/drills/2026-01-01T00-00-00-000Z.json';
const empty = mkdtempSync(path.join(tmpdir(), 'mina-slo-recovery-none-'));

new CheckTester(check, '/').run({
  valid: [
    { fixture: drill('good'), name: 'a recent drill: nothing lost, 8.4 s' },
    { fixture: drill('tight-budget'), name: 'within a tight budget set by option', options: { rtoBudgetMs: 10_000 } },
  ],
  invalid: [
    { fixture: drill('lost', { rowsRestored: 990, rowsLost: 10 }), score: 0, findings: [{ id: 'rows-lost', file: DRILL, line: 1 }] },
    { fixture: drill('unverified', { verified: false }), score: 0, findings: [{ id: 'not-verified', file: DRILL, line: 1 }] },
    { fixture: drill('slow', { rtoMs: 5 * 3600 * 1000 }), score: 0.5, findings: [{ id: 'rto-over-budget', file: DRILL, line: 1 }] },
    { fixture: drill('over-option'), options: { rtoBudgetMs: 5000 }, score: 0.5, findings: [{ id: 'rto-over-budget', file: DRILL, line: 1 }] },
    { fixture: drill('stale', { startedAt: '2020-01-01T00:00:00.000Z' }), score: 0.5, findings: [{ id: 'stale-drill', file: DRILL, line: 1, severity: 'medium' }] },
  ],
  notApplicable: [{ fixture: empty, name: 'no drill recorded' }],
});
