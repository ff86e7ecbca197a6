/**
 * Enforces the retention policy in PRIVACY.md: notes older than NOTE_RETENTION_DAYS and audit rows
 * older than AUDIT_RETENTION_DAYS are deleted, in bounded batches so a large backlog never holds
 * long locks. A transaction-scoped advisory lock makes one worker (or replica) do it at a time.
 * Runs on a timer inside the service and as a one-shot command for a CronJob.
 */
const LOCK_KEY = 727_002;
const BATCH = 5000;

/** @param {import('../db/driver.js').Database} db */
export async function runRetention(db, { noteRetentionDays, auditRetentionDays }, metrics) {
  const deleted = { notes: 0, audit_log: 0 };
  const targets = [
    ['notes', 'created_at', noteRetentionDays],
    ['audit_log', 'at', auditRetentionDays],
  ];
  for (const [table, column, days] of targets) {
    for (;;) {
      const n = await db.transaction(async (tx) => {
        const lock = await tx.query('SELECT pg_try_advisory_xact_lock($1) AS got', [LOCK_KEY]);
        if (!lock.rows[0].got) return -1;
        const res = await tx.query(
          `DELETE FROM ${table} WHERE id IN (SELECT id FROM ${table} WHERE ${column} < now() - make_interval(days => $1) LIMIT ${BATCH})`,
          [days],
        );
        return res.rowCount;
      });
      if (n <= 0) break; // -1: another process holds the lock and is doing the work
      deleted[table] += n;
      metrics?.retentionDeleted.inc({ table }, n);
      if (n < BATCH) break;
    }
  }
  return deleted;
}

/** Starts the periodic run; returns a function that stops it. */
export function scheduleRetention(db, config, { logger, metrics }) {
  const tick = async () => {
    try {
      const deleted = await runRetention(db, config, metrics);
      if (deleted.notes || deleted.audit_log) logger.info({ deleted }, 'retention job removed expired rows');
    } catch (err) {
      logger.error({ err }, 'retention job failed');
    }
  };
  const timer = setInterval(tick, config.retentionIntervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
