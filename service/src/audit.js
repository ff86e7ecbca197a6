/**
 * The audit trail: who did what to whose data, written in the same transaction as the change
 * where there is one, so an export or deletion is never recorded without happening (or the reverse).
 */
export async function audit(db, { actor, action, subjectUserId = null, ip = null, detail = {} }) {
  await db.query('INSERT INTO audit_log (actor, action, subject_user_id, ip, detail) VALUES ($1, $2, $3, $4, $5)', [
    actor,
    action,
    subjectUserId,
    ip,
    JSON.stringify(detail),
  ]);
}
