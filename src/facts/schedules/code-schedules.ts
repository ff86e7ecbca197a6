/**
 * Schedules declared in application code, each tied to the function it runs: Celery beat
 * (`beat_schedule` entries, `add_periodic_task`), Celery/Huey `@periodic_task`, APScheduler
 * (`add_job`, `@scheduled_job`, Flask-APScheduler `@scheduler.task`), node-cron, cron's `CronJob`,
 * node-schedule, NestJS `@Cron`/`@Interval` and Agenda `every` + `define`.
 */
import type { SgNode } from '@ast-grep/napi';
import { callSite, decoratorsOf, filesReaching, findKinds, findRule, lineOf, originOf, shortText, valueOf, type CodeFile, type CodeIndex, type Origin } from '../code/index.js';
import { resolveHandler } from '../http-routes/handlers.js';
import type { CodeUnit, ScheduledJob } from './model.js';

type Job = Omit<ScheduledJob, 'commands' | 'sql'>;

/** A node's text for messages, never a copy of a huge expression. */
const clip = (node: SgNode | null | undefined): string | null => (node ? (shortText(node, 120) ?? '…') : null);

export function codeSchedules(index: CodeIndex): ScheduledJob[] {
  const jobs: Job[] = [];
  for (const file of index.files) {
    if (file.lang === 'python') pythonSchedules(index, file, jobs);
    else jsSchedules(index, file, jobs);
  }
  return jobs.map((j) => ({ ...j, commands: [], sql: [] }));
}

function unit(index: CodeIndex, file: CodeFile, node: SgNode | undefined): CodeUnit[] {
  const h = resolveHandler(index, file, node);
  return h ? [{ file: h.file, node: h.node, name: h.name }] : [];
}

/** Calls that can declare a schedule (`add_periodic_task`, `schedule…do`, `add_job`); the rest stay in the native tree. */
const SCHEDULE_CALLS = { rule: { kind: 'call', has: { field: 'function', kind: 'attribute', has: { field: 'attribute', regex: '^(add_periodic_task|do|add_job)$' } } } };

function pythonSchedules(index: CodeIndex, file: CodeFile, jobs: Job[]): void {
  // Necessary conditions, by text: a beat schedule names its setting, decorators need `@`, and the
  // `schedule` / APScheduler calls resolve to those libraries.
  const beat = file.text.includes('beat_schedule') || file.text.includes('BEAT_SCHEDULE');
  const calls = file.text.includes('add_periodic_task') || filesReaching(index, ['schedule', 'apscheduler', 'flask_apscheduler']).has(file);
  if (beat) pythonBeat(index, file, jobs);
  if (calls) pythonScheduleCalls(index, file, jobs);
  if (file.text.includes('@')) pythonScheduleDecorators(index, file, jobs);
}

function pythonBeat(index: CodeIndex, file: CodeFile, jobs: Job[]): void {
  for (const a of findKinds(file, ['assignment', 'keyword_argument'])) {
    const left = shortText(a.field(a.kind() === 'assignment' ? 'left' : 'name'), 120) ?? '';
    if (!/(^|\.)(beat_schedule|CELERY_BEAT_SCHEDULE|CELERYBEAT_SCHEDULE)$/.test(left)) continue;
    const value = a.field(a.kind() === 'assignment' ? 'right' : 'value');
    const v = value ? valueOf(index, file, value) : null;
    if (v?.kind !== 'map') continue;
    for (const [name, entry] of v.entries) {
      if (entry.kind !== 'map') continue;
      const task = entry.entries.get('task');
      const schedule = entry.entries.get('schedule');
      if (task?.kind !== 'string') continue;
      jobs.push({ kind: 'celery-beat', file: file.path, line: lineOf(entry.node), name, schedule: schedule ? clip(schedule.node) : null, code: celeryTask(index, task.value) });
    }
  }
}

function pythonScheduleCalls(index: CodeIndex, file: CodeFile, jobs: Job[]): void {
  for (const call of findRule(file, 'python-schedule-calls', SCHEDULE_CALLS)) {
    const fn = call.field('function');
    if (fn?.kind() !== 'attribute') continue;
    const attr = fn.field('attribute')?.text();
    const site = callSite(file, call, { module: '', path: [], python: true });
    if (attr === 'add_periodic_task') {
      const sig = site.args[1] ?? site.kwargs.get('sig');
      const target = sig?.kind() === 'call' ? sig.field('function')?.field('object') : sig;
      jobs.push({ kind: 'celery-beat', file: file.path, line: lineOf(call), name: clip(target), schedule: clip(site.args[0]) ?? null, code: unit(index, file, target ?? undefined) });
    } else if (attr === 'do' && originOf(index, file, fn)?.module === 'schedule') {
      // the `schedule` library: schedule.every().day.at("03:00").do(purge)
      jobs.push({ kind: 'python-schedule', file: file.path, line: lineOf(call), name: clip(site.args[0]), schedule: clip(fn.field('object')) ?? null, code: unit(index, file, site.args[0]) });
    } else if (attr === 'add_job' && fromModule(originOf(index, file, fn.field('object')!), /^(apscheduler|flask_apscheduler)/)) {
      const func = site.args[0] ?? site.kwargs.get('func');
      const trigger = site.args[1] ?? site.kwargs.get('trigger');
      jobs.push({ kind: 'apscheduler', file: file.path, line: lineOf(call), name: clip(func), schedule: clip(trigger) ?? null, code: unit(index, file, func) });
    }
  }
}

function pythonScheduleDecorators(index: CodeIndex, file: CodeFile, jobs: Job[]): void {
  for (const def of findKinds(file, ['function_definition'])) {
    for (const dec of decoratorsOf(def)) {
      const expr = dec.namedChildren()[0];
      const callee = expr?.kind() === 'call' ? expr.field('function') : expr;
      if (!callee) continue;
      const origin = originOf(index, file, callee);
      const last = callee.kind() === 'attribute' ? callee.field('attribute')?.text() : shortText(callee, 80);
      const apscheduler = (last === 'scheduled_job' || last === 'task') && callee.kind() === 'attribute' && fromModule(originOf(index, file, callee.field('object')!), /^(apscheduler|flask_apscheduler)/);
      const periodic = (last === 'periodic_task' || last === 'db_periodic_task') && fromModule(origin, /^(celery|huey)/);
      if (!apscheduler && !periodic) continue;
      const name = def.field('name')?.text() ?? null;
      jobs.push({ kind: apscheduler ? 'apscheduler' : origin?.module.startsWith('huey') ? 'huey' : 'celery-beat', file: file.path, line: lineOf(dec), name, schedule: expr.kind() === 'call' ? (clip(expr.field('arguments')) ?? null) : null, code: [{ file, node: def, name }] });
    }
  }
}

function fromModule(origin: Origin | null, module: RegExp): boolean {
  return !!origin && module.test(origin.module);
}

/** `app.tasks.purge_old_rows` → the function registered under that name (its own name, or `@task(name=…)`). */
function celeryTask(index: CodeIndex, name: string): CodeUnit[] {
  const last = name.split('.').pop()!;
  // Both ways of naming the task (`def last`, `name='…last'`) write `last` in the file.
  for (const file of index.mentioning(last)) {
    if (file.lang !== 'python') continue;
    for (const def of findKinds(file, ['function_definition'])) {
      const own = def.field('name')?.text();
      const named = decoratorsOf(def).some((d) => new RegExp(`name\\s*=\\s*['"]${escape(name)}['"]`).test(shortText(d, 500) ?? ''));
      if (named || (own === last && decoratorsOf(def).some((d) => /\b(task|shared_task|actor)\b/.test(shortText(d, 500) ?? '')))) return [{ file, node: def, name: own ?? last }];
    }
  }
  return [];
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function jsSchedules(index: CodeIndex, file: CodeFile, jobs: Job[]): void {
  // An in-process timer in the long-running service is a schedule too (setInterval(purge, DAY)).
  if (file.text.includes('setInterval') && !file.imports.some((b) => b.local === 'setInterval')) {
    for (const call of findKinds(file, ['call_expression'])) {
      if (shortText(call.field('function'), 20) !== 'setInterval') continue;
      const args = (call.field('arguments')?.namedChildren() ?? []).filter((a) => a.kind() !== 'comment');
      jobs.push({ kind: 'timer', file: file.path, line: lineOf(call), name: args[0]?.kind() === 'identifier' ? args[0].text() : null, schedule: clip(args[1]) ?? null, code: unit(index, file, args[0]) });
    }
  }
  const relevant = /cron|node-schedule|@nestjs\/schedule|agenda/.test(file.text) && file.imports.some((b) => /^(node-cron|cron|node-schedule|@nestjs\/schedule|agenda|@hokify\/agenda|croner)$/.test(b.module));
  if (!relevant) return;
  const defined = new Map<string, SgNode>();
  const every: { name: string; call: SgNode; schedule: string }[] = [];
  for (const call of findKinds(file, ['call_expression', 'new_expression'])) {
    const fn = call.field(call.kind() === 'new_expression' ? 'constructor' : 'function');
    const origin = fn ? originOf(index, file, fn) : null;
    if (!origin) continue;
    const args = (call.field('arguments')?.namedChildren() ?? []).filter((a) => a.kind() !== 'comment');
    const path = origin.path.join('.');
    const str = (n: SgNode | undefined) => {
      const v = n ? valueOf(index, file, n) : null;
      return v?.kind === 'string' ? v.value : null;
    };
    if ((origin.module === 'node-cron' && path === 'schedule') || (origin.module === 'cron' && path === 'CronJob') || (origin.module === 'croner' && path === 'Cron')) {
      jobs.push({ kind: 'node-cron', file: file.path, line: lineOf(call), name: null, schedule: str(args[0]), code: unit(index, file, args[1]) });
    } else if (origin.module === 'cron' && path === 'CronJob.from' && args[0]?.kind() === 'object') {
      const opts = valueOf(index, file, args[0]);
      const tick = opts.kind === 'map' ? opts.entries.get('onTick') : undefined;
      const when = opts.kind === 'map' ? opts.entries.get('cronTime') : undefined;
      jobs.push({ kind: 'node-cron', file: file.path, line: lineOf(call), name: null, schedule: when?.kind === 'string' ? when.value : null, code: tick ? unit(index, file, tick.node) : [] });
    } else if (origin.module === 'node-schedule' && path === 'scheduleJob') {
      const fnArg = args[args.length - 1];
      jobs.push({ kind: 'node-cron', file: file.path, line: lineOf(call), name: args.length > 2 ? str(args[0]) : null, schedule: str(args[args.length - 2]) ?? clip(args[args.length - 2]), code: unit(index, file, fnArg) });
    } else if (/agenda$/.test(origin.module) && origin.path[origin.path.length - 1] === 'define') {
      const name = str(args[0]);
      if (name && args[args.length - 1]) defined.set(name, args[args.length - 1]);
    } else if (/agenda$/.test(origin.module) && origin.path[origin.path.length - 1] === 'every') {
      const name = str(args[1]);
      if (name) every.push({ name, call, schedule: str(args[0]) ?? '' });
    }
  }
  for (const e of every) jobs.push({ kind: 'agenda', file: file.path, line: lineOf(e.call), name: e.name, schedule: e.schedule, code: unit(index, file, defined.get(e.name)) });
  // NestJS: @Cron('0 3 * * *') / @Interval(ms) on a method
  for (const dec of findKinds(file, ['decorator'])) {
    const call = dec.namedChildren().find((c) => c.kind() === 'call_expression');
    const fn = call?.field('function');
    const origin = fn ? originOf(index, file, fn) : null;
    if (origin?.module !== '@nestjs/schedule' || !/^(Cron|Interval|Timeout)$/.test(origin.path[0] ?? '')) continue;
    let method: SgNode | null = dec.next();
    while (method && method.kind() === 'decorator') method = method.next();
    if (dec.parent()?.kind() === 'method_definition') method = dec.parent();
    if (method?.kind() !== 'method_definition') continue;
    jobs.push({ kind: 'nest-schedule', file: file.path, line: lineOf(dec), name: method.field('name')?.text() ?? null, schedule: clip(call!.field('arguments')) ?? null, code: [{ file, node: method, name: method.field('name')?.text() ?? null }] });
  }
}
