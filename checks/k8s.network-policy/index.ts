/**
 * k8s.network-policy: in every namespace the application's workloads run in, a default-deny policy
 * (all pods selected, no rules) closes ingress, and explicit policies open what must be reachable.
 * Per namespace: both → 1, only one of the two → 0.5, neither → 0; the score is the mean. A policy
 * that admits everything to every pod cancels the default deny.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { hasKubernetes, isWorkloadKind, k8sFact, type K8sFacts, type Workload } from '../../src/facts/k8s/index.js';
import { classify, classifyText, type PolicyEffect } from './classify.js';

interface NamespacePlan {
  /** null: objects that name no namespace, deployed wherever they are applied. */
  namespace: string | null;
  workloads: Workload[];
}

export default defineCheck({
  meta: {
    id: 'k8s.network-policy',
    title: 'Default-deny network policy with explicit allows',
    category: 'infra',
    severity: 'high',
    description: "Each of the app's namespaces has a default-deny NetworkPolicy plus policies allowing the traffic it needs.",
  },
  async applies({ repo }) {
    const k8s = await repo.fact(k8sFact);
    if (!hasKubernetes(k8s)) return { applies: false, reason: 'no Kubernetes manifests' };
    if (k8s.workloads.length === 0 && !workloadTemplates(k8s).length) return { applies: false, reason: 'the Kubernetes manifests define no workloads to protect' };
    return true;
  },
  async run({ repo }) {
    const k8s = await repo.fact(k8sFact);
    const effects = k8s.objects.map(classify).filter((e): e is PolicyEffect => e !== null);
    const notes: string[] = [];
    const textPolicies = k8s.textTemplates.filter((t) => t.kinds.some((k) => k.kind === 'NetworkPolicy'));
    for (const t of textPolicies) notes.push(`${t.file}: NetworkPolicy template read as text (${t.reason})`);
    const findings: Finding[] = [];
    const scores: number[] = [];
    for (const plan of namespaces(k8s)) {
      const here = effects.filter((e) => e.clusterWide || e.object.namespace === plan.namespace || e.object.namespace === null);
      const label = plan.namespace ? `namespace ${plan.namespace}` : 'the deployment namespace';
      const anchor = plan.workloads[0]?.object;
      const at = anchor ? { file: anchor.file, line: anchor.line } : textAnchor(k8s);
      const openAll = here.filter((e) => e.allowAllIngress);
      for (const e of openAll) {
        findings.push({ id: 'allow-all-ingress', message: `${e.object.kind} ${e.object.name ?? ''} admits all ingress to every pod in ${label}, cancelling any default deny`, ...e.object.locate(['spec', 'ingress']), hint: 'remove the empty ingress rule; allow specific sources (podSelector / namespaceSelector) and ports instead' });
      }
      const fromText = textPolicies.map(classifyText);
      const textDeny = fromText.some((x) => x.deny);
      const deny = openAll.length === 0 && (here.some((e) => e.denyIngress) || textDeny);
      const allows = here.some((e) => e.allows && !e.allowAllIngress) || fromText.some((x) => x.allows);
      if (deny && !here.some((e) => e.denyEgress)) notes.push(`${label}: ingress is denied by default, egress is not`);
      if (deny && allows) scores.push(1);
      else if (!deny && !allows && openAll.length === 0) {
        scores.push(0);
        findings.push({ id: 'no-network-policy', message: `no NetworkPolicy restricts traffic in ${label}: every pod accepts connections from anywhere in the cluster`, ...at, hint: 'add a default-deny NetworkPolicy (podSelector: {}, policyTypes: [Ingress, Egress]) and policies allowing the traffic each workload needs' });
      } else if (!deny) {
        scores.push(allows ? 0.5 : 0);
        const first = here.find((e) => e.allows)?.object;
        findings.push({ id: 'no-default-deny', message: `${label} has allow policies but no default-deny policy: pods no policy selects stay open`, ...(first ? { file: first.file, line: first.line } : at), hint: 'add `kind: NetworkPolicy` with `podSelector: {}` and `policyTypes: [Ingress, Egress]` and no rules' });
      } else {
        scores.push(0.5);
        const denyPolicy = here.find((e) => e.denyIngress)?.object;
        findings.push({ id: 'no-allow-policies', message: `${label} denies all ingress by default but no policy allows any traffic: the workloads are unreachable`, ...(denyPolicy ? { file: denyPolicy.file, line: denyPolicy.line } : at), hint: 'add NetworkPolicies allowing each workload\'s expected sources (ingress controller, other services) and ports, plus DNS egress' });
      }
    }
    return { score: scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length), findings, notes };
  },
});

/** The namespaces the application's workloads run in, each with its workloads. */
function namespaces(k8s: K8sFacts): NamespacePlan[] {
  const plans = new Map<string | null, NamespacePlan>();
  for (const w of k8s.workloads) {
    const ns = w.object.namespace;
    if (!plans.has(ns)) plans.set(ns, { namespace: ns, workloads: [] });
    plans.get(ns)!.workloads.push(w);
  }
  // unrendered Helm workloads deploy into the release namespace
  if (workloadTemplates(k8s).length && !plans.has(null)) plans.set(null, { namespace: null, workloads: [] });
  return [...plans.values()];
}

function workloadTemplates(k8s: K8sFacts) {
  return k8s.textTemplates.filter((t) => t.kinds.some((k) => isWorkloadKind(k.kind)));
}

function textAnchor(k8s: K8sFacts): { file?: string; line?: number } {
  const t = workloadTemplates(k8s)[0];
  return t ? { file: t.file, line: t.kinds[0].line } : {};
}
