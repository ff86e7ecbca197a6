/**
 * What `mina init` prints: the detection summary (before anything is written), the plan — files
 * and what happens to each, every answered check before → after, the score — and the outcome.
 * Plain text; colour only marks, never carries, meaning.
 */
import chalk, { type ChalkInstance } from 'chalk';
import type { Detected, Stack } from './model.js';
import type { InitPlan, PlannedFile } from './plan.js';
import type { WriteResult } from './apply.js';

const LABELS: Record<string, string> = { flask: 'Flask', fastapi: 'FastAPI', django: 'Django', express: 'Express', fastify: 'Fastify', nest: 'NestJS', postgres: 'PostgreSQL', mysql: 'MySQL', mongodb: 'MongoDB', sqlite: 'SQLite', sql: 'SQL database', redis: 'Redis', memcached: 'Memcached' };

const from = (d: Detected<unknown> | null | undefined) => (d?.from ? ` (${d.from})` : d ? ' (default)' : '');

export function detectionText(stack: Stack, c: ChalkInstance = chalk): string {
  const rows: Array<[string, string]> = [];
  const app = stack.app;
  rows.push(['name', `${stack.name.value}${from(stack.name)}`]);
  if (app) {
    rows.push(['language', `${app.language === 'python' ? 'Python' : 'Node.js'} ${app.runtimeVersion.value}${from(app.runtimeVersion)}`]);
    const fw = app.framework ? `${LABELS[app.framework.value]}${from(app.framework)}` : 'none recognised';
    const extras = [app.realtime && `Socket.IO via ${app.realtime.value}`, app.workerClass && `${app.workerClass.value} workers`].filter(Boolean);
    rows.push(['framework', [fw, ...extras].join(' · ')]);
    rows.push(['packages', `${app.packageManager.value}${app.manifest ? `, ${app.manifest}` : ''}${app.lockfile ? ` locked by ${app.lockfile}` : ', no lockfile'}`]);
    rows.push(['entry point', app.command ? `${app.command.value.join(' ').replace(/\{PORT\}/g, String(app.port.value))}${from(app.command)}` : 'not found']);
    rows.push(['port', `${app.port.value}${from(app.port)}`]);
    const h = app.health;
    rows.push(['health', h.liveness ? `${[...new Set([h.liveness.value, h.readiness?.value])].filter(Boolean).join(', ')}${from(h.liveness)}` : 'no health route (probes check the TCP port)']);
    rows.push(['tests', app.testCommand ? `${app.testCommand.value.join(' ')}${from(app.testCommand)}` : 'none found']);
  } else rows.push(['application', 'no Python or Node service recognised']);
  rows.push(['database', stack.databases.map((d) => `${LABELS[d.value]}${from(d)}`).join('; ') || 'none']);
  rows.push(['cache', stack.caches.map((d) => `${LABELS[d.value]}${from(d)}`).join('; ') || 'none']);
  rows.push(['CI', stack.ci.systems.length ? `${stack.ci.systems.join(', ')} (${stack.ci.files.slice(0, 3).join(', ')}${stack.ci.files.length > 3 ? ', …' : ''})` : 'none']);
  const k = stack.k8s;
  rows.push(['Kubernetes', k.layout === 'none' ? 'none' : `${k.layout} in ${k.dir}${k.workloads.length ? `: ${k.workloads.map((w) => w.name).join(', ')}` : ''}`]);
  if (stack.platforms.length) rows.push(['platform', stack.platforms.join(', ')]);
  rows.push(['containers', stack.dockerfiles.join(', ') || 'no Dockerfile']);
  const g = stack.git;
  rows.push(['git', `${g.host && g.owner ? `${g.host}/${g.owner}/${g.repo}, ` : ''}branch ${g.branch.value}${g.branch.from ? '' : ' (default)'}`]);
  const width = Math.max(...rows.map(([k2]) => k2.length));
  const lines = rows.map(([k2, v]) => `  ${c.dim(k2.padEnd(width))}  ${v}`);
  const notes = stack.notes.map((n) => `  ${c.yellow('!')} ${n}`);
  return [c.bold('Detected'), ...lines, ...notes, ''].join('\n');
}

const ACTION_TEXT: Record<PlannedFile['action'], string> = {
  create: 'create',
  unchanged: 'already up to date',
  exists: 'exists: left as it is (--force replaces it and keeps a .mina-bak backup)',
  replace: 'replace (the old file is kept as .mina-bak)',
  patch: 'patch (the old file is kept as .mina-bak)',
  unsafe: 'not written: the path is a directory, a symbolic link or leaves the repository',
};

export function planText(plan: InitPlan, dryRun: boolean, c: ChalkInstance = chalk): string {
  const out: string[] = [c.bold(dryRun ? 'Plan (dry run: nothing is written)' : 'Plan')];
  const width = Math.max(0, ...plan.files.map((f) => f.spec.path.length));
  for (const f of plan.files) {
    const mark = f.action === 'create' ? c.green('+') : f.action === 'replace' || f.action === 'patch' ? c.yellow('~') : c.dim('=');
    out.push(`  ${mark} ${f.spec.path.padEnd(width)}  ${c.dim(`[${f.scaffold}]`)} ${ACTION_TEXT[f.action]}`);
  }
  out.push('', c.bold('Checks answered'));
  const idWidth = Math.max(0, ...plan.answered.map((a) => a.id.length));
  for (const a of plan.answered) {
    const after = a.after === 'pass' ? c.green(a.after) : a.after === 'not-applicable' ? c.dim(a.after) : c.yellow(a.after);
    out.push(`  ${a.id.padEnd(idWidth)}  ${a.before} → ${after}`);
    if (a.after !== 'pass' && a.after !== 'not-applicable' && a.after !== 'unknown') {
      for (const f of plan.after.results.get(a.id)?.findings.slice(0, 4) ?? []) out.push(`  ${' '.repeat(idWidth)}    ${c.dim('still:')} ${f.message}${f.file ? ` (${f.file}${f.line ? `:${f.line}` : ''})` : ''}`);
    }
  }
  for (const w of plan.worse) out.push(`  ${c.yellow('!')} ${w.id} ${w.before} → ${w.after}: the new files give it more to judge`);
  out.push('', `  score ${plan.before.score.toFixed(1)} → ${plan.after.score.toFixed(1)}`, '');
  return out.join('\n');
}

export function diffsText(plan: InitPlan): string {
  const parts: string[] = [];
  for (const f of plan.files) {
    if (f.action === 'create') {
      const lines = f.spec.content.replace(/\n$/, '').split('\n');
      parts.push(`--- /dev/null\n+++ b/${f.spec.path}\n@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}\n`);
    } else if (f.diff && f.action !== 'unchanged') parts.push(f.diff);
  }
  return parts.join('\n');
}

export function resultText(results: WriteResult[], followUps: string[], c: ChalkInstance = chalk): string {
  const out: string[] = [];
  for (const r of results) {
    if (r.outcome === 'skipped') out.push(`  ${c.yellow('!')} ${r.path}: ${r.reason}`);
    else out.push(`  ${c.green('✓')} ${r.outcome} ${r.path}${r.backup ? ` (old content in ${r.backup})` : ''}`);
  }
  const written = results.filter((r) => r.outcome !== 'skipped').length;
  out.unshift(c.bold(`Wrote ${written} file${written === 1 ? '' : 's'}`));
  if (followUps.length) out.push('', c.bold('Finish by hand'), ...followUps.map((f) => `  - ${f}`));
  return out.join('\n') + '\n';
}
