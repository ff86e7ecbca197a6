/**
 * Where a scheduled backup can be declared, each read from its structure: jobs that run a backup
 * tool (CronJob, crontab, systemd timer, scheduled CI, in-code schedulers), backup operators'
 * Kubernetes objects (Velero, CloudNativePG, Crunchy PGO, Zalando) and managed-database backup
 * settings in Terraform (RDS, Cloud SQL, Azure, AWS Backup).
 */
import type { CodeIndex } from '../../src/facts/code/index.js';
import { asRecord, getPath, type K8sFacts } from '../../src/facts/k8s/index.js';
import { commandsInCode, expandUnits, isBackupCommand, isBackupRetentionCommand } from '../../src/facts/schedules/classify.js';
import type { JobCandidate, ScheduledJob } from '../../src/facts/schedules/index.js';
import { walkBlocks, type TfBlock } from '../../src/facts/terraform.js';

export interface Located {
  file: string;
  line: number;
}

export interface BackupEvidence extends Located {
  what: string;
  /** Where old backups are expired, or null when nothing does. */
  retention: (Located & { what: string }) | null;
}

/** Backup and retention commands a job (or script) runs, in its shell commands or in the code it calls. */
export function backupCommands(index: CodeIndex, job: Pick<JobCandidate, 'commands' | 'code'>): { backup: (Located & { what: string }) | null; retention: (Located & { what: string }) | null } {
  let backup: (Located & { what: string }) | null = null;
  let retention: (Located & { what: string }) | null = null;
  for (const c of job.commands) {
    if (!backup && isBackupCommand(c.argv)) backup = { file: c.file, line: c.line, what: c.argv.slice(0, 3).join(' ') };
    if (!retention && isBackupRetentionCommand(c.argv)) retention = { file: c.file, line: c.line, what: c.argv.slice(0, 4).join(' ') };
  }
  for (const unit of expandUnits(index, job.code)) {
    for (const c of commandsInCode(unit)) {
      const at = { file: unit.file.path, line: c.node.range().start.line + 1 };
      if (!backup && isBackupCommand(c.argv)) backup = { ...at, what: c.argv.slice(0, 3).join(' ') };
      if (!retention && isBackupRetentionCommand(c.argv)) retention = { ...at, what: c.argv.slice(0, 4).join(' ') };
    }
  }
  return { backup, retention };
}

export function jobEvidence(index: CodeIndex, jobs: readonly ScheduledJob[], k8s: K8sFacts): BackupEvidence[] {
  const out: BackupEvidence[] = [];
  for (const job of jobs) {
    const { backup, retention } = backupCommands(index, job);
    if (!backup) continue;
    const when = job.schedule ? ` (${job.schedule})` : '';
    out.push({ file: job.file, line: job.line, what: `${job.kind} ${job.name ?? ''} runs ${backup.what}${when}`.replace(/\s+/g, ' '), retention: retention ?? envRetention(job, k8s) });
  }
  return out;
}

const RETENTION_ENV = /(RETENTION|KEEP|RETAIN|MAX_AGE|PRUNE|EXPIRE|TTL)/i;

/** A CronJob whose container is told how long to keep backups (BACKUP_KEEP_DAYS=7, RETENTION_DAYS …). */
function envRetention(job: ScheduledJob, k8s: K8sFacts): BackupEvidence['retention'] {
  if (job.kind !== 'k8s-cronjob') return null;
  const w = k8s.workloads.find((x) => x.object.file === job.file && x.object.line === job.line);
  for (const c of w?.containers ?? []) {
    const env = Array.isArray(c.value.env) ? c.value.env : [];
    const i = env.findIndex((e) => RETENTION_ENV.test(String(asRecord(e)?.name ?? '')));
    if (i >= 0) {
      const at = w!.object.locate([...c.path, 'env', i]);
      return { ...at, what: `env ${String(asRecord(env[i])?.name)}` };
    }
  }
  return null;
}

/** Velero Schedules, CloudNativePG ScheduledBackups, Crunchy PGO and Zalando operator backup schedules. */
export function operatorEvidence(k8s: K8sFacts): BackupEvidence[] {
  const out: BackupEvidence[] = [];
  const clusters = k8s.objects.filter((o) => o.kind === 'Cluster' && o.apiVersion.startsWith('postgresql.cnpg.io'));
  for (const o of k8s.objects) {
    const spec = asRecord(o.value.spec) ?? {};
    const at = { file: o.file, line: o.line };
    if (o.kind === 'Schedule' && o.apiVersion.startsWith('velero.io') && typeof spec.schedule === 'string' && spec.paused !== true) {
      const ttl = getPath(spec, ['template', 'ttl']);
      const where = o.locate(['spec', 'template', 'ttl']);
      out.push({ ...at, what: `Velero Schedule ${o.name} (${spec.schedule})`, retention: { ...(typeof ttl === 'string' ? where : at), what: typeof ttl === 'string' ? `ttl ${ttl}` : "Velero's default 30-day TTL" } });
    } else if (o.kind === 'ScheduledBackup' && o.apiVersion.startsWith('postgresql.cnpg.io') && spec.suspend !== true) {
      const cluster = clusters.find((c) => c.name === asRecord(spec.cluster)?.name);
      const policy = cluster ? getPath(cluster.value, ['spec', 'backup', 'retentionPolicy']) : undefined;
      out.push({ ...at, what: `CloudNativePG ScheduledBackup ${o.name}`, retention: typeof policy === 'string' ? { ...cluster!.locate(['spec', 'backup', 'retentionPolicy']), what: `retentionPolicy ${policy}` } : null });
    } else if (o.kind === 'PostgresCluster' && o.apiVersion.startsWith('postgres-operator.crunchydata.com')) {
      const repos = getPath(spec, ['backups', 'pgbackrest', 'repos']);
      const i = Array.isArray(repos) ? repos.findIndex((r) => asRecord(asRecord(r)?.schedules)) : -1;
      if (i < 0) continue;
      const global = asRecord(getPath(spec, ['backups', 'pgbackrest', 'global'])) ?? {};
      const key = Object.keys(global).find((k) => /^repo\d+-retention-/.test(k));
      out.push({ ...o.locate(['spec', 'backups', 'pgbackrest', 'repos', i, 'schedules']), what: `Crunchy PGO pgBackRest schedule on ${o.name}`, retention: key ? { ...o.locate(['spec', 'backups', 'pgbackrest', 'global', key]), what: `${key}: ${String(global[key])}` } : null });
    } else if (o.kind === 'postgresql' && o.apiVersion.startsWith('acid.zalan.do') && spec.enableLogicalBackup === true) {
      out.push({ ...o.locate(['spec', 'enableLogicalBackup']), what: `Zalando operator logical backup on ${o.name}`, retention: null });
    }
  }
  return out;
}

const RDS = /^(aws_db_instance|aws_rds_cluster|aws_docdb_cluster|aws_neptune_cluster)$/;
const AZURE = /^azurerm_(postgresql|mysql|mariadb)[\w]*server$/;

/** Managed databases whose provider schedules backups: retention is the setting itself. Also returns explicit "backups off". */
export function terraformEvidence(blocks: readonly TfBlock[]): { evidence: BackupEvidence[]; disabled: (Located & { what: string })[] } {
  const evidence: BackupEvidence[] = [];
  const disabled: (Located & { what: string })[] = [];
  for (const b of blocks) {
    if (b.type !== 'resource') continue;
    const [type, name] = b.labels;
    const days = (key: string) => {
      const a = b.attrs.get(key);
      return a ? { ...a, n: Number(a.value) } : null;
    };
    if (RDS.test(type) || AZURE.test(type)) {
      const r = days('backup_retention_period') ?? days('backup_retention_days');
      if (r && Number.isFinite(r.n) && r.n > 0) evidence.push({ file: b.file, line: b.line, what: `${type}.${name} automated backups`, retention: { file: b.file, line: r.line, what: `retention ${r.n} days` } });
      else if (r && r.n === 0) disabled.push({ file: b.file, line: r.line, what: `${type}.${name} sets backup retention to 0 (automated backups off)` });
    } else if (type === 'google_sql_database_instance') {
      const cfg = [...walkBlocks(b.blocks)].find((x) => x.type === 'backup_configuration');
      const enabled = cfg?.attrs.get('enabled');
      if (cfg && enabled?.value === 'true') {
        const kept = [...walkBlocks(cfg.blocks)].find((x) => x.type === 'backup_retention_settings')?.attrs.get('retained_backups');
        evidence.push({ file: b.file, line: cfg.line, what: `${type}.${name} backup_configuration`, retention: { file: b.file, line: kept?.line ?? enabled.line, what: kept ? `${kept.value} backups kept` : 'Cloud SQL default of 7 backups' } });
      } else if (enabled?.value === 'false') disabled.push({ file: b.file, line: enabled.line, what: `${type}.${name} has backups disabled` });
    } else if (type === 'aws_backup_plan') {
      const rule = b.blocks.find((x) => x.type === 'rule' && x.attrs.has('schedule'));
      if (!rule) continue;
      const life = rule.blocks.find((x) => x.type === 'lifecycle');
      const del = life?.attrs.get('delete_after');
      evidence.push({ file: b.file, line: rule.line, what: `aws_backup_plan.${name} (${rule.attrs.get('schedule')!.value})`, retention: del ? { file: b.file, line: del.line, what: `delete_after ${del.value} days` } : null });
    }
  }
  return { evidence, disabled };
}
