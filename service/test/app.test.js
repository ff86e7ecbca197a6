import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ADMIN, auth, openTestDb, testApp } from './helpers.js';

let db;
let app;
let lines;
before(async () => {
  db = await openTestDb();
  ({ app, lines } = await testApp(db));
});
after(async () => {
  await app.close();
  await db.close();
});

describe('notes API', () => {
  it('creates, lists and reads a note for its owner', async () => {
    const created = await app.inject({ method: 'POST', url: '/v1/users/alice/notes', headers: auth('alice'), payload: { title: 'first', body: 'hello' } });
    assert.equal(created.statusCode, 201);
    const note = created.json();
    assert.equal(note.userId, 'alice');
    const list = await app.inject({ url: '/v1/users/alice/notes', headers: auth('alice') });
    assert.deepEqual(list.json().notes.map((n) => n.id), [note.id]);
    const one = await app.inject({ url: `/v1/users/alice/notes/${note.id}`, headers: auth('alice') });
    assert.equal(one.json().title, 'first');
  });

  it('invalidates the cached first page when a note is added', async () => {
    await app.inject({ url: '/v1/users/carol/notes', headers: auth('carol') });
    await app.inject({ method: 'POST', url: '/v1/users/carol/notes', headers: auth('carol'), payload: { title: 'later' } });
    const list = await app.inject({ url: '/v1/users/carol/notes', headers: auth('carol') });
    assert.equal(list.json().notes.length, 1);
  });

  it('refuses missing, forged and other users\' tokens, and audits it', async () => {
    assert.equal((await app.inject({ url: '/v1/users/alice/notes' })).statusCode, 401);
    assert.equal((await app.inject({ url: '/v1/users/alice/notes', headers: { authorization: 'Bearer alice.deadbeef' } })).statusCode, 401);
    assert.equal((await app.inject({ url: '/v1/users/alice/notes', headers: auth('bob') })).statusCode, 403);
    const rows = (await db.query("SELECT action FROM audit_log WHERE subject_user_id = 'alice' AND action LIKE 'auth.%'")).rows;
    assert.deepEqual(rows.map((r) => r.action).sort(), ['auth.failed', 'auth.failed', 'auth.forbidden']);
  });

  it('validates bodies and ids', async () => {
    const bad = await app.inject({ method: 'POST', url: '/v1/users/alice/notes', headers: auth('alice'), payload: { title: '' } });
    assert.equal(bad.statusCode, 400);
    const extra = await app.inject({ method: 'POST', url: '/v1/users/alice/notes', headers: auth('alice'), payload: { title: 'x', admin: true } });
    assert.equal(extra.statusCode, 400);
    assert.equal((await app.inject({ url: '/v1/users/alice/notes/999999', headers: auth('alice') })).statusCode, 404);
  });
});

describe('privacy', () => {
  it('exports then deletes everything about a user, auditing both', async () => {
    await app.inject({ method: 'POST', url: '/v1/users/dave/notes', headers: auth('dave'), payload: { title: 'mine' } });
    const exported = await app.inject({ url: '/v1/users/dave/export', headers: auth('dave') });
    assert.equal(exported.statusCode, 200);
    assert.equal(exported.json().notes.length, 1);
    assert.equal((await app.inject({ method: 'DELETE', url: '/v1/users/dave', headers: auth('dave') })).statusCode, 204);
    assert.equal((await db.query("SELECT count(*)::int AS n FROM notes WHERE user_id = 'dave'")).rows[0].n, 0);
    const trail = (await db.query("SELECT action FROM audit_log WHERE subject_user_id = 'dave' ORDER BY id")).rows.map((r) => r.action);
    assert.deepEqual(trail, ['data.export', 'data.delete']);
  });
});

describe('edges', () => {
  it('sends HSTS and security headers', async () => {
    const res = await app.inject({ url: '/healthz' });
    assert.match(res.headers['strict-transport-security'], /max-age=31536000/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
  });

  it('answers CORS only for allow-listed origins', async () => {
    const preflight = (origin) => app.inject({ method: 'OPTIONS', url: '/v1/users/alice/notes', headers: { origin, 'access-control-request-method': 'POST' } });
    assert.equal((await preflight('https://app.example')).headers['access-control-allow-origin'], 'https://app.example');
    assert.equal((await preflight('https://evil.example')).headers['access-control-allow-origin'], undefined);
  });

  it('reports readiness and Prometheus metrics', async () => {
    assert.deepEqual((await app.inject({ url: '/readyz' })).json(), { status: 'ready', checks: { database: 'ok' } });
    const metrics = await app.inject({ url: '/metrics' });
    assert.match(metrics.body, /http_request_duration_seconds_bucket/);
    app.state.draining = true;
    assert.equal((await app.inject({ url: '/readyz' })).statusCode, 503);
    app.state.draining = false;
  });

  it('keeps admin routes behind the admin token', async () => {
    assert.equal((await app.inject({ url: '/admin/fingerprint' })).statusCode, 401);
    const ok = await app.inject({ url: '/admin/fingerprint', headers: { authorization: `Bearer ${ADMIN}` } });
    assert.equal(ok.statusCode, 200);
    assert.equal(typeof ok.json().checksum, 'string');
  });

  it('never logs a bearer token', async () => {
    app.log.info({ headers: { authorization: 'Bearer alice.secret-value' }, config: { databaseUrl: 'postgres://u:secret-value@db/x' } }, 'probe');
    const probe = lines.find((l) => l.includes('"probe"'));
    assert.ok(probe);
    assert.doesNotMatch(probe, /secret-value/);
    assert.match(probe, /\[redacted\]/);
  });
});

describe('rate limiting', () => {
  it('answers 429 past the limit, per user', async () => {
    const { app: limited } = await testApp(db, { rateLimitMax: 3 });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await limited.inject({ url: '/v1/users/erin/notes', headers: auth('erin') })).statusCode);
    assert.deepEqual(codes, [200, 200, 200, 429, 429]);
    assert.equal((await limited.inject({ url: '/v1/users/frank/notes', headers: auth('frank') })).statusCode, 200);
    await limited.close();
  });
});
