/** Create, list and read a user's notes; creation is broadcast to the user's Socket.IO room. */
import { roomOf } from '../realtime.js';
import { requireUser } from './guard.js';
import { error, newNote, note, noteFromRow, userParams } from './schemas.js';

const FIRST_PAGE = 20;

export default async function notesRoutes(app, { config, db, cache, metrics }) {
  const preHandler = requireUser({ config, db });

  app.post('/v1/users/:userId/notes', {
    preHandler,
    schema: { params: userParams, body: newNote, response: { 201: note, '4xx': error } },
  }, async (request, reply) => {
    const { userId } = request.params;
    const row = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO users (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [userId]);
      const res = await tx.query('INSERT INTO notes (user_id, title, body) VALUES ($1, $2, $3) RETURNING id, user_id, title, body, created_at', [userId, request.body.title, request.body.body]);
      return res.rows[0];
    });
    const created = noteFromRow(row);
    await cache.del(`list:${userId}`);
    metrics.notesCreated.inc();
    app.io?.to(roomOf(userId)).emit('note:created', created);
    return reply.code(201).send(created);
  });

  app.get('/v1/users/:userId/notes', {
    preHandler,
    schema: {
      params: userParams,
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { limit: { type: 'integer', minimum: 1, maximum: 100, default: FIRST_PAGE }, before: { type: 'integer', minimum: 1 } },
      },
      response: { 200: { type: 'object', properties: { notes: { type: 'array', items: note }, next: { type: ['integer', 'null'] } } } },
    },
  }, async (request) => {
    const { userId } = request.params;
    const { limit, before } = request.query;
    // Only the default first page is cached: it is what clients poll; deeper pages are rare.
    const cacheable = before === undefined && limit === FIRST_PAGE;
    if (cacheable) {
      const hit = await cache.get(`list:${userId}`);
      if (hit) return hit;
    }
    const res = await db.query(
      `SELECT id, user_id, title, body, created_at FROM notes
        WHERE user_id = $1 AND ($2::bigint IS NULL OR id < $2)
        ORDER BY id DESC LIMIT $3`,
      [userId, before ?? null, limit],
    );
    const notes = res.rows.map(noteFromRow);
    const page = { notes, next: notes.length === limit ? notes[notes.length - 1].id : null };
    if (cacheable) await cache.set(`list:${userId}`, page);
    return page;
  });

  app.get('/v1/users/:userId/notes/:noteId', {
    preHandler,
    schema: {
      params: { ...userParams, required: ['userId', 'noteId'], properties: { ...userParams.properties, noteId: { type: 'integer', minimum: 1 } } },
      response: { 200: note, '4xx': error },
    },
  }, async (request, reply) => {
    const res = await db.query('SELECT id, user_id, title, body, created_at FROM notes WHERE id = $1 AND user_id = $2', [request.params.noteId, request.params.userId]);
    if (res.rows.length === 0) return reply.code(404).send({ error: 'not-found', message: 'no such note' });
    return noteFromRow(res.rows[0]);
  });
}
