/**
 * db.session-safety: database sessions and clients are per request (or scoped per thread), never
 * one object shared by concurrent handlers or greenlets, and pools are built once, not per request.
 */
import { defineCheck } from '../../src/engine/check-api.js';
import { codeIndexFact } from '../../src/facts/code/index.js';
import { servingFact } from '../../src/facts/serving.js';
import { pythonSessionFindings } from './python-sessions.js';
import { nodeClientFindings } from './node-clients.js';

const DB_MODULES = ['sqlalchemy', 'flask_sqlalchemy', 'sqlmodel', 'pg', '@prisma/client', 'sequelize', 'knex', 'mysql2', 'mysql2/promise'];
const LEAKS = new Set(['session-not-closed', 'client-not-released']);

export default defineCheck({
  meta: {
    id: 'db.session-safety',
    title: 'Database sessions are scoped per request',
    category: 'security',
    severity: 'high',
    description: 'ORM sessions are scoped per request/thread (Flask-SQLAlchemy, scoped_session, session-per-request); Node pool clients are released; no engine or pool per request.',
  },
  async applies({ repo }) {
    const index = await repo.fact(codeIndexFact);
    return DB_MODULES.some((m) => index.importing(m).length > 0) || { applies: false, reason: 'no SQLAlchemy, node-postgres, Prisma, Sequelize or Knex in the code' };
  },
  async run({ repo }) {
    const [index, serving] = await Promise.all([repo.fact(codeIndexFact), repo.fact(servingFact)]);
    const greenlets = ['eventlet', 'gevent'].some((m) => index.importing(m).length > 0) || serving.commands.some((c) => /eventlet|gevent/.test(c.workerClass ?? ''));
    const findings = [...pythonSessionFindings(index, greenlets), ...nodeClientFindings(index)];
    // Leaked sessions exhaust the pool under load; shared sessions corrupt data now.
    const score = findings.length === 0 ? 1 : findings.every((f) => LEAKS.has(f.id)) ? 0.5 : 0;
    return { score, findings };
  },
});
