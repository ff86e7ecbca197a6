/**
 * Data-subject rights (GDPR art. 15, 17, 20): a user can download everything held about them and
 * have it erased. Both are audited; the audit rows themselves are kept (legal basis: security).
 */
import { audit } from '../audit.js';
import { requireUser } from './guard.js';
import { note, noteFromRow, userParams } from './schemas.js';

export default async function privacyRoutes(app, { config, db, cache }) {
  const preHandler = requireUser({ config, db });

  app.get('/v1/users/:userId/export', {
    preHandler,
    schema: {
      params: userParams,
      response: {
        200: {
          type: 'object',
          properties: {
            userId: { type: 'string' },
            exportedAt: { type: 'string' },
            notes: { type: 'array', items: note },
            audit: { type: 'array', items: { type: 'object', properties: { at: { type: 'string' }, action: { type: 'string' } } } },
          },
        },
      },
    },
  }, async (request, reply) => {
    const { userId } = request.params;
    const data = await db.transaction(async (tx) => {
      const notes = await tx.query('SELECT id, user_id, title, body, created_at FROM notes WHERE user_id = $1 ORDER BY id', [userId]);
      const trail = await tx.query('SELECT at, action FROM audit_log WHERE subject_user_id = $1 ORDER BY at', [userId]);
      await audit(tx, { actor: userId, action: 'data.export', subjectUserId: userId, ip: request.ip, detail: { notes: notes.rows.length } });
      return { notes: notes.rows.map(noteFromRow), audit: trail.rows.map((r) => ({ at: new Date(r.at).toISOString(), action: r.action })) };
    });
    reply.header('content-disposition', `attachment; filename="${userId}-export.json"`);
    return { userId, exportedAt: new Date().toISOString(), ...data };
  });

  app.delete('/v1/users/:userId', { preHandler, schema: { params: userParams } }, async (request, reply) => {
    const { userId } = request.params;
    const deleted = await db.transaction(async (tx) => {
      const notes = await tx.query('DELETE FROM notes WHERE user_id = $1', [userId]);
      await tx.query('DELETE FROM users WHERE id = $1', [userId]);
      await audit(tx, { actor: userId, action: 'data.delete', subjectUserId: userId, ip: request.ip, detail: { notes: notes.rowCount } });
      return notes.rowCount;
    });
    await cache.del(`list:${userId}`);
    request.log.info({ userId, notes: deleted }, 'user data deleted');
    return reply.code(204).send();
  });
}
