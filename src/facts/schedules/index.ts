/**
 * The schedules fact: every job something runs on a timer — Kubernetes CronJobs (scripts mounted
 * from ConfigMaps read too), crontabs, systemd timers, scheduled CI workflows, pg_cron, and the
 * in-code schedulers (Celery beat, APScheduler, node-cron, NestJS …) — each with what it runs.
 * Also the repository's runnable scripts, so a check can tell "a backup script nothing schedules".
 */
import { defineFact, type RepoContext } from '../../context/repo-context.js';
import { allJobs, ciFact, type CiText } from '../ci/index.js';
import { codeIndexFact, codeLangOf, isVendoredPath, type CodeIndex } from '../code/index.js';
import { k8sFact, asRecord, type K8sObject } from '../k8s/index.js';
import { isDevPath } from '../deploy-env.js';
import { isTestDataPath } from '../test-data-paths.js';
import { codeSchedules } from './code-schedules.js';
import { crontabEntries, pgCronJobs, systemdTimers } from './cron-files.js';
import { contentOf, textAt } from './job-content.js';
import type { JobCandidate, ScheduledJob } from './model.js';

export * from './model.js';
export { contentOf, findRepoFile, textAt } from './job-content.js';

export interface Schedules {
  jobs: ScheduledJob[];
  /** Scripts, package.json scripts and management commands, whether or not anything schedules them. */
  scripts: JobCandidate[];
}

export const schedulesFact = defineFact<Schedules>('schedules', async (repo) => {
  const index = await repo.fact(codeIndexFact);
  const jobs: ScheduledJob[] = [];
  const k8s = await repo.fact(k8sFact);
  const virtual = configMapScripts(k8s.objects);
  for (const w of k8s.workloads) {
    if (w.kind !== 'CronJob' || asRecord(w.object.value.spec)?.suspend === true || isDevPath(w.object.file)) continue;
    const schedule = asRecord(w.object.value.spec)?.schedule;
    for (const c of [...w.initContainers, ...w.containers]) {
      const words = [...strings(c.value.command), ...strings(c.value.args)];
      if (!words.length) continue;
      const at = w.object.locate([...c.path, c.value.command ? 'command' : 'args']);
      const content = await contentOf(repo, index, { text: words.map(quote).join(' '), file: at.file, line: at.line, lineAt: () => at.line }, { virtual });
      jobs.push({ kind: 'k8s-cronjob', file: w.object.file, line: w.object.line, name: w.object.name, schedule: typeof schedule === 'string' ? schedule : null, ...content, sql: [] });
    }
  }
  for (const e of [...(await crontabEntries(repo)), ...(await systemdTimers(repo))]) {
    const content = await contentOf(repo, index, e.command);
    jobs.push({ kind: e.file.endsWith('.timer') ? 'systemd-timer' : 'crontab', file: e.file, line: e.line, name: null, schedule: e.schedule, ...content, sql: [] });
  }
  const ci = await repo.fact(ciFact);
  for (const { job } of allJobs(ci)) {
    if (job.manual || !job.events.has('schedule')) continue;
    const scripts = await Promise.all(job.steps.filter((s) => s.script).map((s) => contentOf(repo, index, s.script!, { cwd: s.cwd })));
    jobs.push({ kind: 'ci-schedule', file: job.file, line: job.line, name: job.name ?? job.id, schedule: null, commands: scripts.flatMap((x) => x.commands), code: scripts.flatMap((x) => x.code), sql: [] });
  }
  for (const p of await pgCronJobs(repo)) jobs.push({ kind: 'pg-cron', file: p.file, line: p.line, name: null, schedule: p.schedule, commands: [], code: [], sql: [p.sql] });
  jobs.push(...codeSchedules(index));
  return { jobs, scripts: await repoScripts(repo, index) };
});

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map((x) => String(x)) : [];
}

function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** ConfigMap data entries that look like scripts, by key: CronJobs mount them and run `/scripts/<key>`. */
function configMapScripts(objects: readonly K8sObject[]): Map<string, CiText> {
  const out = new Map<string, CiText>();
  for (const o of objects) {
    if (o.kind !== 'ConfigMap') continue;
    for (const [key, value] of Object.entries(asRecord(o.value.data) ?? {})) {
      if (typeof value !== 'string' || value.length > 256 * 1024) continue;
      const at = o.locate(['data', key]);
      out.set(key, textAt(value, at.file, at.line + (value.includes('\n') ? 1 : 0)));
    }
  }
  return out;
}

const SCRIPT_DIRS = /(^|\/)(scripts?|bin|jobs|cron|ops|tools|tasks|backup|backups|maintenance|management\/commands)\//i;

async function repoScripts(repo: RepoContext, index: CodeIndex): Promise<JobCandidate[]> {
  const out: JobCandidate[] = [];
  for (const f of repo.files) {
    if (isTestDataPath(f.path) || isVendoredPath(f.path) || f.size > 256 * 1024) continue;
    const shell = /\.(sh|bash)$/.test(f.path);
    const code = codeLangOf(f.path) && SCRIPT_DIRS.test(f.path);
    if (!shell && !code) continue;
    if (code) {
      const file = index.get(f.path);
      if (file) out.push({ file: f.path, commands: [], code: [{ file, node: null, name: f.path.slice(f.path.lastIndexOf('/') + 1) }] });
      continue;
    }
    const text = await repo.text(f.path);
    if (text !== null) out.push({ file: f.path, ...(await contentOf(repo, index, textAt(text, f.path))) });
  }
  for (const f of repo.glob('**/package.json')) {
    if (isTestDataPath(f.path) || isVendoredPath(f.path)) continue;
    const text = await repo.text(f.path);
    let scripts: Record<string, unknown> = {};
    try {
      scripts = (JSON.parse(text ?? '{}') as { scripts?: Record<string, unknown> }).scripts ?? {};
    } catch {
      continue;
    }
    const dir = f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '';
    for (const [name, body] of Object.entries(scripts)) {
      if (typeof body !== 'string') continue;
      const line = lineOfKey(text ?? '', name);
      out.push({ file: f.path, ...(await contentOf(repo, index, { text: body, file: f.path, line, lineAt: () => line }, { cwd: dir })) });
    }
  }
  return out;
}

function lineOfKey(text: string, key: string): number {
  const i = text.indexOf(JSON.stringify(key));
  if (i < 0) return 1;
  let n = 1;
  for (let j = 0; j < i; j++) if (text.charCodeAt(j) === 10) n++;
  return n;
}
