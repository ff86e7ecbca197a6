import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CheckTester } from '../../src/testing/check-tester.js';
import check from './index.js';

/** A project with a recorded drill, written at test time so "recent" stays recent. */
function drillProject(startedAt: string, verified: boolean): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'mina-restore-'));
  writeFileSync(path.join(dir, 'requirements.txt'), 'psycopg2==2.9.9\n');
  mkdirSync(path.join(dir, '.mina', 'drills'), { recursive: true });
  const record = { schemaVersion: 1, kind: 'drill', startedAt, finishedAt: startedAt, service: 'reference', mode: 'embedded', seededRows: 1000, rowsCommitted: 1000, rowsRestored: verified ? 1000 : 990, rowsLost: verified ? 0 : 10, rtoMs: 4200, verified };
  const name = `${startedAt.replace(/[:.]/g, '-')}.json`;
  writeFileSync(path.join(dir, '.mina', 'drills', name), JSON.stringify(record));
  return { dir, file: `.mina/drills/${name}` };
}

const fresh = drillProject(new Date(Date.now() - 3 * 24 * 3600 * 1000).toISOString(), true);
const stale = drillProject('2020-01-15T10:00:00.000Z', true);
const failed = drillProject(new Date().toISOString(), false);

new CheckTester(check, path.join(import.meta.dirname, 'fixtures')).run({
  valid: [
    { fixture: 'ci-restore-job', name: 'scheduled CI job restoring into a scratch database' },
    { fixture: 'script-and-doc', name: 'restore script and a runbook with the commands' },
    { fixture: fresh.dir, name: 'a verified mina service drill from three days ago' },
  ],
  invalid: [
    { fixture: 'script-only', score: 0.5, findings: [{ id: 'restore-undocumented', file: 'scripts/restore.sh', line: 4 }] },
    { fixture: 'doc-only', score: 0.5, findings: [{ id: 'restore-doc-only', file: 'docs/runbooks/restore.md', line: 6 }] },
    { fixture: 'decoy-product-runbook', name: 'decoy: a product doc about restoring notes from the trash', score: 0, findings: [{ id: 'no-restore-procedure' }] },
    { fixture: stale.dir, name: 'a drill older than maxAgeDays', score: 0.5, findings: [{ id: 'drill-stale', file: stale.file }] },
    { fixture: failed.dir, name: 'a drill that lost rows', score: 0.25, findings: [{ id: 'drill-failed', file: failed.file }] },
  ],
  notApplicable: [{ fixture: 'no-database' }],
});
