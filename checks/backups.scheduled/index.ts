/**
 * backups.scheduled: the database is backed up on a schedule, and old backups expire. A backup
 * counts when something runs it on a timer — a CronJob, crontab, systemd timer, scheduled CI job,
 * in-code scheduler, a backup operator's schedule or a managed database's backup setting — not when
 * a script merely exists or a document describes one.
 */
import { defineFact, type RepoContext } from '../../src/context/repo-context.js';
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { codeIndexFact } from '../../src/facts/code/index.js';
import { databasesFact } from '../../src/facts/databases.js';
import { k8sFact } from '../../src/facts/k8s/index.js';
import { isBackupRetentionCommand } from '../../src/facts/schedules/classify.js';
import { schedulesFact } from '../../src/facts/schedules/index.js';
import { terraformFact } from '../../src/facts/terraform.js';
import { backupCommands, jobEvidence, operatorEvidence, terraformEvidence, type BackupEvidence } from './evidence.js';

export default defineCheck({
  meta: {
    id: 'backups.scheduled',
    title: 'Database backups are scheduled, with retention',
    category: 'monitoring',
    severity: 'high',
    description: 'A database backup runs on a schedule (CronJob with pg_dump/pgBackRest/WAL-G, Velero, managed-database backups, cron) and old backups are expired.',
  },
  async applies({ repo }) {
    const [dbs, found] = await Promise.all([repo.fact(databasesFact), collect(repo)]);
    if (dbs.length || found.scheduled.length || found.unscheduled.length || found.disabled.length) return true;
    return { applies: false, reason: 'no database found (no driver, ORM, database image, managed database or SQL migrations)' };
  },
  async run({ repo }) {
    const { scheduled, unscheduled, disabled, sharedRetention } = await collect(repo);
    const notes: string[] = [];
    const findings: Finding[] = disabled.map((d) => ({ id: 'backups-disabled', message: d.what, file: d.file, line: d.line, hint: 'set a backup retention of at least 7 days' }));
    if (scheduled.length) {
      const best = scheduled.find((e) => e.retention) ?? scheduled[0];
      const retention = best.retention ?? sharedRetention;
      notes.push(`scheduled backup: ${best.what} at ${best.file}:${best.line}`);
      if (retention) {
        notes.push(`retention: ${retention.what} at ${retention.file}:${retention.line}`);
        return { score: findings.length ? 0.9 : 1, findings, notes };
      }
      findings.push({ id: 'no-retention', message: `${best.what} is scheduled but nothing expires old backups`, file: best.file, line: best.line, hint: 'prune old backups in the job (find … -mtime +14 -delete, wal-g delete retain FULL 7, pgbackrest repo1-retention-full, restic forget --keep-daily 7) or set a bucket lifecycle rule' });
      return { score: 0.6, findings, notes };
    }
    if (unscheduled.length) {
      for (const u of unscheduled.slice(0, 3)) {
        findings.push({ id: 'backup-not-scheduled', message: `${u.what} backs up the database, but no CronJob, crontab, timer or scheduled workflow runs it`, file: u.file, line: u.line, hint: 'run it from a Kubernetes CronJob (mina init scaffolds one), a crontab entry or a scheduled CI workflow' });
      }
      return { score: 0.3, findings, notes };
    }
    findings.push({ id: 'no-backup', message: 'no scheduled database backup found', hint: 'add a CronJob running pg_dump (or pgBackRest/WAL-G) with retention, a Velero Schedule, or managed-database backups (backup_retention_period) — mina init scaffolds a backup CronJob' });
    return { score: 0, findings, notes };
  },
});

const collect = (repo: RepoContext) => repo.fact(backupEvidenceFact);

const backupEvidenceFact = defineFact('backups:evidence', async (repo) => {
  const [index, schedules, k8s, tf] = await Promise.all([repo.fact(codeIndexFact), repo.fact(schedulesFact), repo.fact(k8sFact), repo.fact(terraformFact)]);
  const terraform = terraformEvidence(tf);
  const scheduled: BackupEvidence[] = [...jobEvidence(index, schedules.jobs, k8s), ...operatorEvidence(k8s), ...terraform.evidence];
  // A separate scheduled prune job, or a pgBackRest config with a retention setting, covers every backup job.
  let sharedRetention: BackupEvidence['retention'] = null;
  for (const job of schedules.jobs) {
    const c = job.commands.find((x) => isBackupRetentionCommand(x.argv));
    if (c) sharedRetention ??= { file: c.file, line: c.line, what: c.argv.slice(0, 4).join(' ') };
  }
  for (const f of repo.glob(['**/pgbackrest.conf', '**/pgbackrest/*.conf'])) {
    const text = (await repo.text(f.path)) ?? '';
    const i = text.split('\n').findIndex((l) => /^\s*repo\d*-retention-(full|diff|archive)\s*=\s*\d+/.test(l));
    if (i >= 0) sharedRetention ??= { file: f.path, line: i + 1, what: 'pgBackRest retention setting' };
  }
  const scheduledFiles = new Set(schedules.jobs.flatMap((j) => [...j.commands.map((c) => c.file), ...j.code.map((u) => u.file.path)]));
  const unscheduled: BackupEvidence[] = [];
  for (const s of schedules.scripts) {
    const { backup } = backupCommands(index, s);
    if (backup && !scheduledFiles.has(s.file) && !scheduledFiles.has(backup.file)) unscheduled.push({ file: backup.file, line: backup.line, what: `${s.file} (${backup.what})`, retention: null });
  }
  return { scheduled, unscheduled, disabled: terraform.disabled, sharedRetention };
});
