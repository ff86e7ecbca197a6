import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../src/config.js';
import { runRetention } from '../src/jobs/retention.js';
import { writeBackup } from '../src/ops/backup-format.js';
import { fingerprint, seed } from '../src/ops/fingerprint.js';
import { restoreBackup } from '../src/ops/restore-into.js';
import { openTestDb, testConfig } from './helpers.js';

let db;
let dir;
before(async () => {
  db = await openTestDb();
  dir = mkdtempSync(path.join(tmpdir(), 'notes-backup-'));
});
after(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('restores exactly what was backed up, ids and sequences included', async () => {
    await seed(db, 2500, 7);
    await db.query(`INSERT INTO audit_log (actor, action, detail) VALUES ('t', 'test', '{"k": [1, 2]}')`);
    const before = await fingerprint(db);
    const backup = await writeBackup(db, dir);
    assert.equal(backup.rows.notes, 2500);

    const target = await openTestDb();
    const restored = await restoreBackup(target, testConfig().dbSchema, backup.file);
    assert.equal(restored.rows.notes, 2500);
    assert.deepEqual(await fingerprint(target, before.maxId), before);
    const next = await target.query(`INSERT INTO notes (user_id, title, body) VALUES ('seed-1', 'after', '') RETURNING id`);
    assert.ok(next.rows[0].id > before.maxId, 'identity continues after the restored ids');
    await assert.rejects(restoreBackup(target, testConfig().dbSchema, backup.file), /already holds/);
    await target.close();
  });

  it('refuses a truncated or altered backup', async () => {
    const backup = await writeBackup(db, dir, { now: new Date(Date.UTC(2020, 0, 1)) });
    const lines = gunzipSync(readFileSync(backup.file)).toString().split('\n');
    const altered = path.join(dir, 'altered.ndjson.gz');
    const victim = lines.findIndex((l) => l.includes('seeded note'));
    writeFileSync(altered, gzipSync(lines.map((l, i) => (i === victim ? l.replace('seeded note', 'SEEDED NOTE') : l)).join('\n')));
    const truncated = path.join(dir, 'truncated.ndjson.gz');
    writeFileSync(truncated, gzipSync(lines.slice(0, 2).join('\n')));
    const target = await openTestDb();
    for (const [file, why] of [[altered, /checksum mismatch/], [truncated, /truncated/]]) {
      await assert.rejects(restoreBackup(target, testConfig().dbSchema, file), why);
      assert.equal((await target.query('SELECT count(*)::int AS n FROM notes')).rows[0].n, 0, 'nothing half-restored');
    }
    await target.close();
  });
});

describe('retention job', () => {
  it('deletes only rows older than the policy', async () => {
    await db.query(`INSERT INTO users (id) VALUES ('old') ON CONFLICT DO NOTHING`);
    await db.query(`INSERT INTO notes (user_id, title, body, created_at) VALUES ('old', 'stale', '', now() - interval '400 days'), ('old', 'fresh', '', now())`);
    const deleted = await runRetention(db, { noteRetentionDays: 365, auditRetentionDays: 400 });
    assert.equal(deleted.notes, 1);
    const left = (await db.query(`SELECT title FROM notes WHERE user_id = 'old'`)).rows.map((r) => r.title);
    assert.deepEqual(left, ['fresh']);
  });
});

describe('configuration', () => {
  it('refuses unsafe settings at boot', () => {
    assert.throws(() => loadConfig({ CORS_ORIGINS: '*' }), /explicitly/);
    assert.throws(() => loadConfig({ WORKERS: '2' }), /DATABASE_URL/);
    assert.throws(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' }), /AUTH_SECRET/);
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/);
    assert.equal(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 's', DATABASE_URL: 'postgres://db/x' }).databaseSsl, true);
  });
});
