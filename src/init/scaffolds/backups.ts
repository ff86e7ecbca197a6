/**
 * Database backups (answers backups.scheduled and backups.restore-tested): a nightly pg_dump
 * CronJob with retention into a volume, and the restore script the restore runbook walks through.
 * PostgreSQL only: it is what the detected stacks use and what pg_dump/pg_restore do exactly.
 */
import type { FileSpec, Scaffold, ScaffoldContext } from '../model.js';
import { render } from '../template/load.js';
import { IMAGE_REF, K8S_NAME, type TemplateScope } from '../template/values.js';
import { k8sFact } from '../../facts/k8s/index.js';
import { baseScope, failing, k8sTarget, tok } from './common.js';

export const backupsScaffold: Scaffold = {
  id: 'backups',
  title: 'Database backup CronJob with retention, and a restore script',
  answers: ['backups.scheduled', 'backups.restore-tested'],
  needs: ['kubernetes'],
  offer(ctx) {
    if (!ctx.stack.databases.some((d) => d.value === 'postgres')) return null;
    const k8s = ctx.stack.k8s.layout === 'plain' || ctx.stack.k8s.layout === 'helm' || (ctx.stack.k8s.layout === 'none' && ctx.stack.platforms.length === 0 && !!ctx.stack.app?.command);
    if (!k8s || !(failing(ctx, 'backups.scheduled') || failing(ctx, 'backups.restore-tested'))) return null;
    return { preselect: true, reason: 'PostgreSQL in use and no scheduled backup with a tested restore' };
  },
  async files(ctx) {
    const target = k8sTarget(ctx);
    if (!target) return [];
    const scope = await backupScope(ctx);
    const out: FileSpec[] = [];
    if (failing(ctx, 'backups.scheduled')) out.push({ path: `${target.dir}/backup-postgres.yaml`, format: 'yaml', content: render('k8s/backup-postgres.yaml.tmpl', scope, 'yaml') });
    out.push({ path: 'scripts/restore-db.sh', format: 'shell', content: render('scripts/restore-db.sh.tmpl', scope, 'shell'), mode: 0o755 });
    return out;
  },
};

/** The backup job's names and image, shared with the restore runbook. */
export async function backupScope(ctx: ScaffoldContext): Promise<TemplateScope> {
  const base = baseScope(ctx);
  const app = k8sTarget(ctx)?.app ?? 'app';
  return {
    ...base,
    backups: ctx.answers.scaffolds.includes('backups') && k8sTarget(ctx) !== null,
    cronName: tok(`${app.slice(0, 40)}-db-backup`, K8S_NAME),
    pvcName: tok(`${app.slice(0, 40)}-db-backups`, K8S_NAME),
    dumpImage: tok(`postgres:${await postgresMajor(ctx)}-alpine`, IMAGE_REF),
    // the postgres user of the official Alpine images
    dumpUid: 70,
  };
}

/** pg_dump must be at least the server's major version: the one the manifests run, else 17. */
async function postgresMajor(ctx: ScaffoldContext): Promise<string> {
  for (const w of (await ctx.repo.fact(k8sFact)).workloads) {
    for (const c of w.containers) {
      const m = /(?:^|\/)postgres(?:ql)?:(\d{2})\b/.exec(c.image ?? '');
      if (m) return m[1];
    }
  }
  return '17';
}
