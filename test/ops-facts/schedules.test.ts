import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RepoContext } from '../../src/context/repo-context.js';
import { DEFAULT_IGNORES } from '../../src/context/walk.js';
import { indexFromSources } from '../../src/facts/code/index.js';
import { codeSchedules } from '../../src/facts/schedules/code-schedules.js';
import { crontabEntries, pgCronJobs, systemdTimers } from '../../src/facts/schedules/cron-files.js';
import { isBackupCommand, isBackupRetentionCommand, isRestoreCommand, isRestoreLine, isSqlPurge } from '../../src/facts/schedules/classify.js';
import { parseHcl } from '../../src/facts/terraform.js';

async function repoOf(files: Record<string, string>): Promise<RepoContext> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mina-sched-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return RepoContext.create(dir, { ignore: DEFAULT_IGNORES, maxFileSize: 1024 * 1024 });
}

describe('schedule sources', () => {
  it('reads crontabs (user and cron.d style), skipping comments and variables', async () => {
    const repo = await repoOf({
      'ops/crontab': '# m h dom mon dow command\nMAILTO=ops@example.com\n30 2 * * * /app/backup.sh\n@daily  /app/purge.sh --days 30\n# 0 4 * * * /app/old.sh\n',
      'etc/cron.d/db': '15 1 * * 0 postgres pg_dumpall -f /b/all.sql\n',
    });
    const entries = (await crontabEntries(repo)).map((e) => [e.file, e.line, e.schedule, e.command.text]);
    expect(entries).toEqual([
      ['etc/cron.d/db', 1, '15 1 * * 0', 'pg_dumpall -f /b/all.sql'],
      ['ops/crontab', 3, '30 2 * * *', '/app/backup.sh'],
      ['ops/crontab', 4, '@daily', '/app/purge.sh --days 30'],
    ]);
  });

  it('pairs systemd timers with their service and reads pg_cron jobs from SQL', async () => {
    const repo = await repoOf({
      'deploy/backup.timer': '[Timer]\nOnCalendar=*-*-* 03:00:00\n',
      'deploy/backup.service': '[Service]\nExecStart=/usr/local/bin/pg_dump -Fc app\n',
      'db/010_cron.sql': "-- SELECT cron.schedule('x', 'DELETE FROM a');\nSELECT cron.schedule('purge', '0 3 * * *', $$DELETE FROM events WHERE at < now() - interval '90 days'$$);\n",
    });
    expect((await systemdTimers(repo)).map((t) => [t.file, t.schedule, t.command.text, t.command.file])).toEqual([['deploy/backup.timer', 'OnCalendar=*-*-* 03:00:00', '/usr/local/bin/pg_dump -Fc app', 'deploy/backup.service']]);
    expect((await pgCronJobs(repo)).map((j) => [j.line, j.schedule, j.sql])).toEqual([[2, '0 3 * * *', "DELETE FROM events WHERE at < now() - interval '90 days'"]]);
  });

  it('ties in-code schedules to the function they run', () => {
    const index = indexFromSources({
      'jobs.py': 'from apscheduler.schedulers.background import BackgroundScheduler\n\nsched = BackgroundScheduler()\n\n\ndef purge():\n    pass\n\n\nsched.add_job(purge, "cron", hour=3)\n',
      'cron.js': "const cron = require('node-cron');\nfunction prune() {}\ncron.schedule('0 3 * * *', prune);\n",
      'tasks.service.ts': "import { Cron } from '@nestjs/schedule';\nexport class Tasks {\n  @Cron('0 4 * * *')\n  cleanup() {}\n}\n",
      'agenda.js': "const Agenda = require('agenda');\nconst agenda = new Agenda();\nagenda.define('purge old', async () => {});\nagenda.every('1 day', 'purge old');\n",
    });
    const jobs = codeSchedules(index)
      .map((j) => [j.kind, j.file, j.line, j.schedule, j.code.map((c) => c.name ?? '(inline)').join()])
      .sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    expect(jobs).toEqual([
      ['agenda', 'agenda.js', 4, '1 day', '(inline)'],
      ['node-cron', 'cron.js', 3, '0 3 * * *', 'prune'],
      ['apscheduler', 'jobs.py', 10, '"cron"', 'purge'],
      ['nest-schedule', 'tasks.service.ts', 3, "('0 4 * * *')", 'cleanup'],
    ]);
  });
});

describe('job classifiers', () => {
  it('tells backups, restores, backup retention and row purges apart', () => {
    expect(isBackupCommand(['pg_dump', '-Fc'])).toBe(true);
    expect(isBackupCommand(['wal-g', 'backup-push', '/data'])).toBe(true);
    expect(isBackupCommand(['pgbackrest', 'info'])).toBe(false);
    expect(isRestoreCommand(['pg_restore', '-d', 'x', 'a.dump'])).toBe(true);
    expect(isRestoreCommand(['psql', '-c', 'SELECT 1'])).toBe(false);
    expect(isRestoreLine('gunzip -c "$1" | psql "$DATABASE_URL"')).toBe(true);
    expect(isRestoreLine('psql "$URL" < backups/latest.sql')).toBe(true);
    expect(isBackupRetentionCommand(['find', '/b', '-mtime', '+7', '-delete'])).toBe(true);
    expect(isBackupRetentionCommand(['find', '/b', '-name', '*.dump'])).toBe(false);
    expect(isSqlPurge("DELETE FROM notes WHERE created_at < now() - interval '30 days'")).toBe(true);
    expect(isSqlPurge('DELETE FROM notes WHERE id = $1')).toBe(false);
  });
});

describe('terraform blocks', () => {
  it('reads nested blocks and attributes, skipping comments, heredocs and multi-line values', () => {
    const [db, plan] = parseHcl(
      [
        '# resource "aws_db_instance" "old" {',
        'resource "aws_db_instance" "main" {',
        '  tags = {',
        '    a = "}"',
        '  }',
        '  user_data = <<EOF',
        'backup_retention_period = 0',
        'EOF',
        '  backup_retention_period = 7 // a week',
        '}',
        'resource "aws_backup_plan" "p" {',
        '  rule {',
        '    schedule = "cron(0 5 * * ? *)"',
        '    lifecycle { delete_after = 35 }',
        '  }',
        '}',
      ].join('\n'),
      'main.tf',
    );
    expect(db.labels).toEqual(['aws_db_instance', 'main']);
    expect(db.attrs.get('backup_retention_period')).toEqual({ value: '7', line: 9 });
    expect(plan.blocks[0].type).toBe('rule');
    expect(plan.blocks[0].attrs.get('schedule')?.value).toBe('cron(0 5 * * ? *)');
  });
});
