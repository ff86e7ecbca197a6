/**
 * What a scheduled job is: where it is declared, when it runs, and what it runs — shell commands
 * (with the scripts they call read in turn) and code units (a scheduled function, a script file, a
 * management command). Checks classify the content (a backup, a retention purge, a restore test);
 * this layer only finds it.
 */
import type { SgNode } from '@ast-grep/napi';
import type { Command } from '../ci/index.js';
import type { CodeFile } from '../code/index.js';

export type ScheduleKind =
  | 'k8s-cronjob'
  | 'crontab'
  | 'systemd-timer'
  | 'ci-schedule'
  | 'celery-beat'
  | 'apscheduler'
  | 'huey'
  | 'python-schedule'
  | 'timer'
  | 'node-cron'
  | 'nest-schedule'
  | 'agenda'
  | 'pg-cron';

/** A function or a whole file that a job runs. */
export interface CodeUnit {
  file: CodeFile;
  /** The function; null when the whole file runs (a script, a management command module). */
  node: SgNode | null;
  name: string | null;
}

export interface ScheduledJob {
  kind: ScheduleKind;
  file: string;
  line: number;
  /** A job, task or workflow name for messages. */
  name: string | null;
  /** As written: `0 3 * * *`, `@daily`, `crontab(hour=3)`, `OnCalendar=daily`. */
  schedule: string | null;
  /** Shell commands it runs, scripts and npm/make indirections followed. */
  commands: Command[];
  code: CodeUnit[];
  /** SQL it runs (pg_cron bodies). */
  sql: string[];
}

/** Something a schedule could run but nothing schedules, e.g. `scripts/backup.sh`. */
export interface JobCandidate {
  file: string;
  commands: Command[];
  code: CodeUnit[];
}
