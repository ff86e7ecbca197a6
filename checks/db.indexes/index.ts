/**
 * db.indexes: every foreign-key column leads some index and every table has a primary key — read
 * from SQL migrations (PostgreSQL's own parser, each folder replayed in order), Alembic
 * migrations, SQLAlchemy/Django models and Prisma schemas; with `--database-url`, also from the
 * live catalog, plus duplicate/invalid indexes and sequential-scan-heavy tables.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { dbSchemasFact } from '../../src/facts/db/schemas.js';
import { staticFindings } from './static-findings.js';
import { liveFindings, type LiveOptions } from './live.js';

/** Each duplicate/invalid index or scan-heavy table costs this much of the score. */
const HEALTH_PENALTY = 0.05;

export default defineCheck<LiveOptions>({
  meta: {
    id: 'db.indexes',
    title: 'Foreign keys are indexed, tables have primary keys',
    category: 'performance',
    severity: 'high',
    description: 'Every foreign-key column is the leading column of an index and every table has a primary key (migrations, models, Prisma; live catalog with --database-url).',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        schemas: { type: 'array', items: { type: 'string', maxLength: 63 }, description: 'live: schemas to read (default: all but system schemas)' },
        statementTimeoutMs: { type: 'integer', minimum: 100, maximum: 120000, default: 10000 },
        seqScanMinRows: { type: 'integer', minimum: 0, default: 10000 },
        seqScanMinScans: { type: 'integer', minimum: 1, default: 50 },
      },
    },
  },
  async applies({ repo, settings }) {
    if (settings.databaseUrl) return true;
    const schemas = await repo.fact(dbSchemasFact);
    return schemas.length > 0 || { applies: false, reason: 'no database schema found (SQL migrations, Alembic, SQLAlchemy or Django models, Prisma)' };
  },
  async run({ repo, settings, options }) {
    const st = staticFindings(await repo.fact(dbSchemasFact));
    const findings: Finding[] = [...st.findings];
    const notes = [...st.notes];
    let units = st.units;
    let failed = st.failed;
    let health = 0;
    if (settings.databaseUrl) {
      const live = await liveFindings(settings.databaseUrl, options);
      findings.push(...live.findings);
      notes.push(live.note);
      units += live.units;
      failed += live.failed;
      health = live.health;
    }
    const score = units === 0 ? (health ? 0.5 : 1) : Math.max(0, 1 - failed / units - health * HEALTH_PENALTY);
    return { score, findings, notes };
  },
});
