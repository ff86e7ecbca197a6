/**
 * Kubernetes (answers k8s.workload-hardening and k8s.network-policy). Without manifests: a hardened
 * Deployment and Service (two replicas, probes, requests and limits, non-root, read-only root,
 * no privilege escalation), a PodDisruptionBudget and default-deny + allow NetworkPolicies. With
 * an existing plain layout or Helm chart: the policies and budgets it lacks, as new files beside it
 * (a Helm chart renders plain YAML templates as they are).
 */
import type { FileSpec, Scaffold, ScaffoldContext, Stack } from '../model.js';
import { render } from '../template/load.js';
import { K8S_NAME, type TemplateScope } from '../template/values.js';
import { baseScope, failing, findingIds, k8sTarget, statusOf, tok } from './common.js';

const BACKEND_PORTS: Record<string, number> = { postgres: 5432, mysql: 3306, mongodb: 27017, redis: 6379, memcached: 11211 };

export const kubernetesScaffold: Scaffold = {
  id: 'kubernetes',
  title: 'Kubernetes manifests (hardened Deployment, Service, PodDisruptionBudget, NetworkPolicies)',
  answers: ['k8s.workload-hardening', 'k8s.network-policy'],
  needs: ['dockerfile'],
  offer(ctx) {
    if (!ctx.stack.app?.command || ctx.stack.k8s.layout !== 'none') return null;
    const status = statusOf(ctx, 'k8s.workload-hardening');
    if (status !== 'not-applicable' && status !== 'unknown') return null;
    // a platform deploy (fly.toml, Procfile …) is a choice; offer Kubernetes without preselecting it
    return ctx.stack.platforms.length === 0
      ? { preselect: true, reason: 'no Kubernetes manifests' }
      : { preselect: false, reason: `deployed with ${ctx.stack.platforms.join(', ')}; Kubernetes manifests only if you move` };
  },
  files(ctx): FileSpec[] {
    const target = k8sTarget(ctx)!;
    const app = ctx.stack.app!;
    const scope: TemplateScope = {
      ...baseScope(ctx),
      tag: tok('initial'),
      uid: app.language === 'python' ? 10001 : 1000,
      httpReadiness: app.health.readiness ? [{ path: tok(app.health.readiness.value) }] : false,
      httpLiveness: app.health.liveness ? [{ path: tok(app.health.liveness.value) }] : false,
      memoryRequest: tok(app.language === 'python' ? '256Mi' : '192Mi'),
      memoryLimit: tok('512Mi'),
    };
    const labels = { 'app.kubernetes.io/name': target.app };
    return [
      { path: target.deploymentFile, format: 'yaml', content: render('k8s/deployment.yaml.tmpl', scope, 'yaml') },
      { path: `${target.dir}/pdb.yaml`, format: 'yaml', content: render('k8s/pdb.yaml.tmpl', { ...scope, budgets: [budget(target.app, labels)] }, 'yaml') },
      networkPolicies(ctx, [{ name: target.app, labels, ports: [ctx.answers.port] }], `${target.dir}/networkpolicy.yaml`),
    ];
  },
};

export const k8sPoliciesScaffold: Scaffold = {
  id: 'k8s-policies',
  title: 'NetworkPolicies and PodDisruptionBudgets for the existing manifests',
  answers: ['k8s.network-policy', 'k8s.workload-hardening'],
  offer(ctx) {
    const { layout, workloads } = ctx.stack.k8s;
    if ((layout !== 'plain' && layout !== 'helm') || workloads.length === 0) return null;
    const policies = failing(ctx, 'k8s.network-policy');
    const budgets = findingIds(ctx, 'k8s.workload-hardening').has('no-pdb');
    if (!policies && !budgets) return null;
    return { preselect: true, reason: [policies && 'k8s.network-policy fails', budgets && 'workloads without a PodDisruptionBudget'].filter(Boolean).join('; ') };
  },
  files(ctx): FileSpec[] {
    const target = k8sTarget(ctx);
    if (!target) return [];
    const workloads = ctx.stack.k8s.workloads.filter((w) => K8S_NAME.test(w.name) && w.namespace === target.namespace);
    const out: FileSpec[] = [];
    if (failing(ctx, 'k8s.network-policy')) {
      out.push(networkPolicies(ctx, workloads.map((w) => ({ name: w.name, labels: w.labels, ports: w.ports })), freePath(ctx, target.dir, 'networkpolicy')));
    }
    const noPdb = new Set((ctx.before.get('k8s.workload-hardening')?.findings ?? []).filter((f) => f.id === 'no-pdb').map((f) => f.file));
    const lacking = workloads.filter((w) => noPdb.has(w.file) && Object.keys(w.labels).length > 0);
    if (lacking.length) {
      const scope = { ...baseScope(ctx), budgets: lacking.map((w) => budget(w.name, w.labels)) };
      out.push({ path: freePath(ctx, target.dir, 'pdb'), format: 'yaml', content: render('k8s/pdb.yaml.tmpl', scope, 'yaml') });
    }
    return out;
  },
};

function budget(name: string, labels: Record<string, string>): TemplateScope {
  return { pdbName: tok(name, K8S_NAME), labels: labelList(labels) };
}

/** Label keys are tokens; values are written quoted, so `"2"` or `"true"` stay strings. */
function labelList(labels: Record<string, string>): TemplateScope[] {
  return Object.entries(labels)
    .filter(([k]) => /^([a-z0-9.-]{1,253}\/)?[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(k))
    .map(([key, value]) => ({ key: tok(key), value: String(value) }));
}

interface PolicyApp {
  name: string;
  labels: Record<string, string>;
  ports: number[];
}

function networkPolicies(ctx: ScaffoldContext, apps: PolicyApp[], path: string): FileSpec {
  const backends = backendPorts(ctx.stack).map((port) => ({ port }));
  const withBackup = ctx.answers.scaffolds.includes('backups') && ctx.stack.databases.some((d) => d.value === 'postgres');
  const target = k8sTarget(ctx);
  const egress = [
    ...apps.map((a) => ({ policyName: tok(`${a.name.slice(0, 40)}-allow-egress`, K8S_NAME), labels: labelList(a.labels), backends, https: true })),
    ...(withBackup && target ? [{ policyName: tok(`${target.app.slice(0, 40)}-backup-allow-db`, K8S_NAME), labels: labelList({ 'app.kubernetes.io/name': `${target.app.slice(0, 40)}-db-backup` }), backends: [{ port: BACKEND_PORTS.postgres }], https: false }] : []),
  ];
  const scope: TemplateScope = {
    ...baseScope(ctx),
    ingressNamespace: tok(ctx.answers.ingressNamespace, K8S_NAME),
    apps: apps.map((a) => ({ policyName: tok(`${a.name.slice(0, 40)}-allow-ingress`, K8S_NAME), labels: labelList(a.labels), hasPorts: a.ports.length > 0, ports: a.ports.map((port) => ({ port })) })),
    egress,
  };
  return { path, format: 'yaml', content: render('k8s/networkpolicy.yaml.tmpl', scope, 'yaml') };
}

function backendPorts(stack: Stack): number[] {
  const ports = [...stack.databases, ...stack.caches].map((d) => BACKEND_PORTS[d.value]).filter((p): p is number => p !== undefined);
  return [...new Set(ports)];
}

/** `<dir>/<base>.yaml`, or `<dir>/<base>-mina.yaml` when that name is taken. */
function freePath(ctx: ScaffoldContext, dir: string, base: string): string {
  const first = `${dir}/${base}.yaml`;
  return ctx.repo.has(first) ? `${dir}/${base}-mina.yaml` : first;
}
