/**
 * Alert rules as code (answers monitoring.alerting): a PrometheusRule beside the manifests, built
 * on kube-state-metrics so it needs nothing from the application — pods unavailable, restart loops
 * and, with the backup job, failed or missing backups — each with a severity and the runbook.
 */
import type { FileSpec, Scaffold } from '../model.js';
import { render } from '../template/load.js';
import { K8S_NAME } from '../template/values.js';
import { backupScope } from './backups.js';
import { failing, k8sTarget, statusOf, tok } from './common.js';

export const alertsScaffold: Scaffold = {
  id: 'alerts',
  title: 'Alert rules (PrometheusRule on kube-state-metrics)',
  answers: ['monitoring.alerting'],
  needs: ['kubernetes'],
  offer(ctx) {
    const k8s = ctx.stack.k8s.layout === 'plain' || ctx.stack.k8s.layout === 'helm' || (ctx.stack.k8s.layout === 'none' && ctx.stack.platforms.length === 0 && !!ctx.stack.app?.command);
    if (!k8s || !failing(ctx, 'monitoring.alerting') || statusOf(ctx, 'monitoring.alerting') === 'unknown') return null;
    return { preselect: true, reason: `monitoring.alerting is ${statusOf(ctx, 'monitoring.alerting')}` };
  },
  async files(ctx): Promise<FileSpec[]> {
    const target = k8sTarget(ctx);
    if (!target) return [];
    const scope = await backupScope(ctx);
    const prefix = target.app.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('').replace(/^(\d)/, 'App$1');
    Object.assign(scope, { rulesName: tok(`${target.app.slice(0, 50)}-alerts`, K8S_NAME), alertPrefix: tok(prefix, /^[A-Za-z][A-Za-z0-9]*$/) });
    const path = ctx.repo.has(`${target.dir}/alerts.yaml`) ? `${target.dir}/alerts-mina.yaml` : `${target.dir}/alerts.yaml`;
    return [{ path, format: 'yaml', content: render('k8s/alerts.yaml.tmpl', scope, 'yaml') }];
  },
};
