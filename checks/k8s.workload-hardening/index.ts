/**
 * k8s.workload-hardening: every workload the repository deploys (plain manifests, kustomize bases as
 * their production overlay builds them, rendered Helm charts) sets probes, requests and limits, runs
 * as non-root with a read-only root filesystem and no privilege escalation, and — when it is a
 * replicated service — runs at least two replicas behind a matching PodDisruptionBudget. Each rule is
 * an equal share of the score; a rule's share is the fraction of the workloads it applies to that pass.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { hasKubernetes, k8sFact, isWorkloadKind } from '../../src/facts/k8s/index.js';
import { nonRootRule, privilegeEscalationRule, probesRule, readOnlyRootRule, resourcesRule, type WorkloadRule } from './container-rules.js';
import { availabilityRule } from './availability-rule.js';
import { checkTextTemplate } from './helm-text.js';

const RULES: WorkloadRule[] = [probesRule, resourcesRule, nonRootRule, readOnlyRootRule, privilegeEscalationRule, availabilityRule];

export default defineCheck({
  meta: {
    id: 'k8s.workload-hardening',
    title: 'Hardened Kubernetes workloads',
    category: 'infra',
    severity: 'high',
    description: 'Workloads set probes, requests and limits, a non-root read-only security context, and run ≥ 2 replicas with a PodDisruptionBudget.',
  },
  async applies({ repo }) {
    const k8s = await repo.fact(k8sFact);
    if (!hasKubernetes(k8s)) return { applies: false, reason: 'no Kubernetes manifests' };
    if (k8s.workloads.length === 0 && !k8s.textTemplates.some((t) => t.kinds.some((k) => isWorkloadKind(k.kind)))) {
      return { applies: false, reason: 'the Kubernetes manifests define no workloads (Deployment, StatefulSet, DaemonSet, Job, CronJob)' };
    }
    return true;
  },
  async run({ repo }) {
    const k8s = await repo.fact(k8sFact);
    const tally = new Map<string, { applicable: number; passed: number }>();
    const record = (rule: string, ok: boolean) => {
      const t = tally.get(rule) ?? { applicable: 0, passed: 0 };
      t.applicable++;
      if (ok) t.passed++;
      tally.set(rule, t);
    };
    const findings: Finding[] = [];
    for (const w of k8s.workloads) {
      for (const rule of RULES) {
        if (!rule.appliesTo(w)) continue;
        const found = rule.check(w, k8s.objects);
        record(rule.id, found.length === 0);
        findings.push(...found);
      }
    }
    const textRead: string[] = [];
    for (const t of k8s.textTemplates) {
      const outcome = checkTextTemplate(t, k8s.charts.find((c) => c.dir === t.chart), k8s.objects, k8s.textTemplates);
      if (!outcome) continue;
      textRead.push(t.file);
      for (const [rule, ok] of outcome.results) record(rule, ok);
      findings.push(...outcome.findings);
    }
    const rules = [...tally.entries()];
    // workloads without containers leave no rule to judge
    const score = rules.length ? rules.reduce((sum, [, t]) => sum + t.passed / t.applicable, 0) / rules.length : 1;
    const notes = [`${k8s.workloads.length + textRead.length} workload(s): ${rules.map(([id, t]) => `${id} ${t.passed}/${t.applicable}`).join(', ')}`];
    if (textRead.length) notes.push(`Helm templates read as text (not renderable): ${textRead.join(', ')}`);
    return { score, findings: dedupe(findings), notes };
  },
});

/** Helm `range` loops render one template into several objects: report each place once. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.id}\0${f.file}\0${f.line}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
