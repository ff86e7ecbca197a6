/**
 * The reference service's smoke test: every route once, the error paths that guard them (401,
 * 400, 404, a CORS preflight from an unknown origin), security headers, and a Socket.IO round trip
 * — a note created over HTTP must reach a client subscribed to its user.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { io } from 'socket.io-client';
import type { SmokeStep } from './driver.js';
import { expectStatus, http } from './http.js';

export function signToken(secret: string, userId: string): string {
  return `${userId}.${createHmac('sha256', secret).update(userId).digest('hex')}`;
}

type Step = [name: string, run: () => Promise<string | void>];

export async function referenceSmoke(base: string, authSecret: string): Promise<SmokeStep[]> {
  const user = `smoke-${randomBytes(4).toString('hex')}`;
  const auth = { authorization: `Bearer ${signToken(authSecret, user)}` };
  const notes = `${base}/v1/users/${user}/notes`;
  let noteId = 0;
  const steps: Step[] = [
    ['GET /healthz', async () => void (await expectStatus(200, 'GET', `${base}/healthz`))],
    ['GET /readyz', async () => void (await expectStatus(200, 'GET', `${base}/readyz`))],
    ['GET /metrics', async () => {
      const r = await expectStatus(200, 'GET', `${base}/metrics`);
      if (!String(r.body).includes('http_request_duration_seconds')) throw new Error('no request histogram');
    }],
    ['security headers', async () => {
      const r = await http('GET', `${base}/healthz`);
      for (const h of ['strict-transport-security', 'x-content-type-options', 'content-security-policy']) if (!r.headers.get(h)) throw new Error(`missing ${h}`);
    }],
    ['CORS refuses unknown origin', async () => {
      const r = await http('OPTIONS', notes, { headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      const allowed = r.headers.get('access-control-allow-origin');
      if (allowed === '*' || allowed === 'https://evil.example') throw new Error(`preflight allowed ${allowed}`);
    }],
    ['401 without token', async () => void (await expectStatus(401, 'GET', notes))],
    ['400 on invalid note', async () => void (await expectStatus(400, 'POST', notes, { headers: auth, json: { title: '' } }))],
    ['POST note + Socket.IO note:created', async () => {
      noteId = await createAndReceive(base, notes, auth, signToken(authSecret, user));
    }],
    ['GET notes', async () => {
      const r = await expectStatus(200, 'GET', notes, { headers: auth });
      if (!(r.body as { notes: { id: number }[] }).notes.some((n) => n.id === noteId)) throw new Error('created note not listed');
    }],
    ['GET note', async () => void (await expectStatus(200, 'GET', `${notes}/${noteId}`, { headers: auth }))],
    ['404 on unknown note', async () => void (await expectStatus(404, 'GET', `${notes}/999999999999`, { headers: auth }))],
    ['GET export', async () => {
      const r = await expectStatus(200, 'GET', `${base}/v1/users/${user}/export`, { headers: auth });
      if ((r.body as { notes: unknown[] }).notes.length !== 1) throw new Error('export does not hold the note');
    }],
    ['DELETE user data', async () => {
      await expectStatus(204, 'DELETE', `${base}/v1/users/${user}`, { headers: auth });
      const r = await expectStatus(200, 'GET', notes, { headers: auth });
      if ((r.body as { notes: unknown[] }).notes.length !== 0) throw new Error('notes survive deletion');
    }],
  ];
  const results: SmokeStep[] = [];
  for (const [name, run] of steps) {
    const started = performance.now();
    try {
      const detail = await run();
      results.push({ name, ok: true, ms: Math.round(performance.now() - started), ...(detail ? { detail } : {}) });
    } catch (err) {
      results.push({ name, ok: false, ms: Math.round(performance.now() - started), detail: (err as Error).message });
    }
  }
  return results;
}

/** Subscribes over Socket.IO, creates a note over HTTP, and waits for the broadcast of it. */
export async function createAndReceive(socketBase: string, notesUrl: string, auth: Record<string, string>, token: string, timeoutMs = 5000): Promise<number> {
  const socket = io(socketBase, { transports: ['websocket'], auth: { token }, reconnection: false, timeout: timeoutMs });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (err) => reject(new Error(`Socket.IO connect failed: ${err.message}`)));
    });
    const received = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no note:created event within 5 s')), timeoutMs);
      socket.on('note:created', (note: { id: number }) => {
        clearTimeout(timer);
        resolve(note.id);
      });
    });
    received.catch(() => undefined); // a failed POST below must not leave it unhandled
    const created = await expectStatus(201, 'POST', notesUrl, { headers: auth, json: { title: 'smoke', body: 'round trip' } });
    const id = (created.body as { id: number }).id;
    const got = await received;
    if (got !== id) throw new Error(`received note ${got}, created ${id}`);
    return id;
  } finally {
    socket.close();
  }
}
