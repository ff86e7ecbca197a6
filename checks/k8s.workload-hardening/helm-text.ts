/**
 * The same rules for Helm templates that could not be rendered, read as text: a setting counts when
 * the template writes the key with the right literal (or a template expression), or pulls in a
 * `.Values` subtree (`toYaml .Values.securityContext`) whose default in values.yaml holds it. Coarser
 * than the rendered path — containers are not told apart — and every finding says it was read as text.
 */
import type { Finding } from '../../src/engine/check-api.js';
import { asRecord, isWorkloadKind, type HelmChart, type HelmTextTemplate, type K8sObject } from '../../src/facts/k8s/index.js';

interface TextRule {
  rule: string;
  id: string;
  message: string;
  present(t: TextView): boolean;
}

class TextView {
  private readonly subtrees: unknown[];
  constructor(readonly text: string, values: Record<string, unknown>) {
    this.subtrees = [...text.matchAll(/\.Values((?:\.[A-Za-z0-9_]{1,64}){1,8})/g)].map((m) => m[1].slice(1).split('.').reduce<unknown>((v, k) => asRecord(v)?.[k], values));
  }
  /** `key:` written in the template with an accepted literal (or a template expression), or found in an included values subtree. */
  has(key: string, accept: (v: unknown) => boolean = () => true): boolean {
    for (const m of this.text.matchAll(new RegExp(`^[ \\t-]*${key}:[ \\t]*(.*)$`, 'gm'))) {
      const raw = m[1].trim();
      if (raw === '' || raw.startsWith('{{') || accept(literal(raw))) return true;
    }
    return this.subtrees.some((t) => deepHas(t, key, accept, 0));
  }
}

function literal(raw: string): unknown {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

function deepHas(v: unknown, key: string, accept: (x: unknown) => boolean, depth: number): boolean {
  if (depth > 8 || v === null || typeof v !== 'object') return false;
  for (const [k, x] of Object.entries(v)) {
    if (k === key && x !== null && x !== undefined && accept(x)) return true;
    if (deepHas(x, key, accept, depth + 1)) return true;
  }
  return false;
}

const TEXT_RULES: TextRule[] = [
  { rule: 'probes', id: 'missing-liveness-probe', message: 'no livenessProbe', present: (t) => t.has('livenessProbe') },
  { rule: 'probes', id: 'missing-readiness-probe', message: 'no readinessProbe', present: (t) => t.has('readinessProbe') },
  { rule: 'resources', id: 'missing-requests', message: 'no resource requests', present: (t) => t.has('requests') },
  { rule: 'resources', id: 'missing-limits', message: 'no resource limits', present: (t) => t.has('limits') },
  { rule: 'run-as-non-root', id: 'missing-run-as-non-root', message: 'no runAsNonRoot: true or non-zero runAsUser', present: (t) => t.has('runAsNonRoot', (v) => v === true) || t.has('runAsUser', (v) => typeof v === 'number' && v > 0) },
  { rule: 'read-only-root-filesystem', id: 'writable-root-filesystem', message: 'no readOnlyRootFilesystem: true', present: (t) => t.has('readOnlyRootFilesystem', (v) => v === true) },
  { rule: 'no-privilege-escalation', id: 'allows-privilege-escalation', message: 'no allowPrivilegeEscalation: false', present: (t) => t.has('allowPrivilegeEscalation', (v) => v === false) },
];

const REPLICATED = /^(Deployment|StatefulSet|ReplicaSet|Rollout)$/;

export interface TextOutcome {
  /** Rule id → passed, for every rule that applies to the template's workload kind. */
  results: Map<string, boolean>;
  findings: Finding[];
}

export function checkTextTemplate(t: HelmTextTemplate, chart: HelmChart | undefined, objects: readonly K8sObject[], texts: readonly HelmTextTemplate[]): TextOutcome | null {
  const workload = t.kinds.find((k) => isWorkloadKind(k.kind));
  if (!workload) return null;
  const view = new TextView(t.text, chart?.values ?? {});
  const batch = /^(Job|CronJob)$/.test(workload.kind);
  const results = new Map<string, boolean>();
  const findings: Finding[] = [];
  const fail = (id: string, message: string) =>
    findings.push({ id, message: `${workload.kind} in ${t.file}: ${message} (Helm template read as text: ${t.reason})`, file: t.file, line: workload.line, hint: 'set it in the template or in values.yaml; simplify the template so it can be rendered for an exact answer' });
  for (const r of TEXT_RULES) {
    if (batch && r.rule === 'probes') continue;
    const ok = r.present(view);
    results.set(r.rule, (results.get(r.rule) ?? true) && ok);
    if (!ok) fail(r.id, r.message);
  }
  if (REPLICATED.test(workload.kind)) {
    const inChart = (kind: string) => objects.some((o) => o.chart === t.chart && o.kind === kind) || texts.some((x) => x.chart === t.chart && x.kinds.some((k) => k.kind === kind));
    const replicas = /^\s*replicas:\s*(\d+)\s*$/m.exec(t.text)?.[1] ?? (/\.Values\.replicaCount\b/.test(t.text) ? String(chart?.values.replicaCount ?? '') : '');
    const single = !inChart('HorizontalPodAutoscaler') && replicas !== '' && Number(replicas) < 2;
    if (single) fail('single-replica', `${replicas} replica(s)`);
    if (!inChart('PodDisruptionBudget')) fail('no-pdb', 'no PodDisruptionBudget in the chart');
    results.set('replicas-and-pdb', !single && inChart('PodDisruptionBudget'));
  }
  return { results, findings };
}
