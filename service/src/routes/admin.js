/**
 * Operator endpoints for backups and disaster-recovery drills, registered only when ADMIN_TOKEN is
 * set. They exist because the embedded database lives inside the service process: nothing else can
 * read it consistently while the service runs. Every call is audited.
 */
import { timingSafeEqual } from 'node:crypto';
import { audit } from '../audit.js';
import { bearer } from '../auth.js';
import { writeBackup } from '../ops/backup-format.js';
import { fingerprint, seed } from '../ops/fingerprint.js';

export default async function adminRoutes(app, { config, db }) {
  const expected = Buffer.from(config.adminToken);
  app.addHook('onRequest', async (request, reply) => {
    const given = Buffer.from(bearer(request.headers.authorization) ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      await audit(db, { actor: 'anonymous', action: 'admin.auth-failed', ip: request.ip, detail: { route: request.url.slice(0, 200) } });
      return reply.code(401).send({ error: 'unauthorized', message: 'admin token required' });
    }
  });

  app.post('/admin/backup', async (request) => {
    const result = await writeBackup(db, config.backupDir);
    await audit(db, { actor: 'admin', action: 'backup.created', ip: request.ip, detail: { file: result.file, rows: result.rows } });
    return result;
  });

  app.get('/admin/fingerprint', {
    schema: { querystring: { type: 'object', properties: { maxId: { type: 'integer', minimum: 0 } } } },
  }, async (request) => fingerprint(db, request.query.maxId ?? null));

  if (config.allowSeed) {
    app.post('/admin/seed', {
      schema: { body: { type: 'object', required: ['rows'], properties: { rows: { type: 'integer', minimum: 1, maximum: 5_000_000 }, users: { type: 'integer', minimum: 1, maximum: 100_000, default: 100 } } } },
    }, async (request) => {
      const inserted = await seed(db, request.body.rows, request.body.users);
      await audit(db, { actor: 'admin', action: 'data.seeded', ip: request.ip, detail: { rows: inserted } });
      return { inserted };
    });
  }
}
