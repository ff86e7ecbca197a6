/**
 * Workloads: objects that run pods from a pod template (Deployment, StatefulSet, DaemonSet,
 * ReplicaSet, Argo Rollout, Job, CronJob, bare Pod), with their containers located by field path,
 * plus the label-selector matching that ties PodDisruptionBudgets, NetworkPolicies, Services and
 * autoscalers to them.
 */
import { asRecord, getPath, type FieldPath, type K8sObject } from './objects.js';

export type WorkloadClass = 'replicated' | 'daemon' | 'batch' | 'pod';

const POD_TEMPLATE: Record<string, { path: FieldPath; class: WorkloadClass }> = {
  Deployment: { path: ['spec', 'template'], class: 'replicated' },
  StatefulSet: { path: ['spec', 'template'], class: 'replicated' },
  ReplicaSet: { path: ['spec', 'template'], class: 'replicated' },
  ReplicationController: { path: ['spec', 'template'], class: 'replicated' },
  Rollout: { path: ['spec', 'template'], class: 'replicated' },
  DaemonSet: { path: ['spec', 'template'], class: 'daemon' },
  Job: { path: ['spec', 'template'], class: 'batch' },
  CronJob: { path: ['spec', 'jobTemplate', 'spec', 'template'], class: 'batch' },
  Pod: { path: [], class: 'pod' },
};

export interface K8sContainer {
  name: string;
  image: string | null;
  init: boolean;
  /** Field path of the container within its object, for `object.locate`. */
  path: FieldPath;
  value: Record<string, unknown>;
}

export interface Workload {
  object: K8sObject;
  kind: string;
  class: WorkloadClass;
  /** Field path of the pod spec (`spec.template.spec` for a Deployment). */
  podSpecPath: FieldPath;
  podSpec: Record<string, unknown>;
  podLabels: Record<string, string>;
  /** `spec.replicas` (1 when unset) for replicated kinds; null for others or when it is not a number. */
  replicas: number | null;
  containers: K8sContainer[];
  initContainers: K8sContainer[];
}

export function isWorkloadKind(kind: string): boolean {
  return Object.hasOwn(POD_TEMPLATE, kind);
}

export function toWorkloads(objects: readonly K8sObject[]): Workload[] {
  const out: Workload[] = [];
  for (const object of objects) {
    const shape = Object.hasOwn(POD_TEMPLATE, object.kind) ? POD_TEMPLATE[object.kind] : null;
    if (!shape) continue;
    const template = asRecord(getPath(object.value, shape.path));
    const podSpec = asRecord(template?.spec);
    if (!template || !podSpec) continue; // e.g. a Rollout that references a Deployment's template
    const podSpecPath = [...shape.path, 'spec'];
    const containers = (key: 'containers' | 'initContainers') =>
      (Array.isArray(podSpec[key]) ? (podSpec[key] as unknown[]) : []).flatMap((c, i) => {
        const value = asRecord(c);
        return value ? [{ name: typeof value.name === 'string' ? value.name : `#${i + 1}`, image: typeof value.image === 'string' ? value.image : null, init: key === 'initContainers', path: [...podSpecPath, key, i], value }] : [];
      });
    out.push({
      object,
      kind: object.kind,
      class: shape.class,
      podSpecPath,
      podSpec,
      podLabels: stringMap(asRecord(template.metadata)?.labels),
      replicas: shape.class === 'replicated' ? replicasOf(asRecord(object.value.spec)?.replicas) : null,
      containers: containers('containers'),
      initContainers: containers('initContainers'),
    });
  }
  return out;
}

function replicasOf(v: unknown): number | null {
  if (v === undefined || v === null) return 1;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : null;
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(asRecord(v) ?? {})) if (val !== null && typeof val !== 'object') out[k] = String(val);
  return out;
}

/**
 * Kubernetes LabelSelector semantics: `matchLabels` and `matchExpressions` (In, NotIn, Exists,
 * DoesNotExist) must all hold. An empty selector selects everything; a missing one nothing.
 */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  const sel = asRecord(selector);
  if (!sel) return false;
  for (const [k, v] of Object.entries(asRecord(sel.matchLabels) ?? {})) if (labels[k] !== String(v)) return false;
  for (const e of Array.isArray(sel.matchExpressions) ? sel.matchExpressions : []) {
    const expr = asRecord(e);
    const key = String(expr?.key ?? '');
    const values = Array.isArray(expr?.values) ? expr.values.map(String) : [];
    const has = Object.hasOwn(labels, key);
    const op = String(expr?.operator ?? '');
    if (op === 'In' && !(has && values.includes(labels[key]))) return false;
    if (op === 'NotIn' && has && values.includes(labels[key])) return false;
    if (op === 'Exists' && !has) return false;
    if (op === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** Plain `key: value` selectors (Services, older manifests) as a LabelSelector. */
export function equalitySelector(selector: unknown): { matchLabels: Record<string, string> } {
  return { matchLabels: stringMap(selector) };
}

/** Same namespace, where null (unspecified) only equals null. */
export function sameNamespace(a: K8sObject, b: K8sObject): boolean {
  return a.namespace === b.namespace;
}

/** The HorizontalPodAutoscaler (or KEDA ScaledObject) that scales this workload, if any. */
export function autoscalerFor(w: Workload, objects: readonly K8sObject[]): { object: K8sObject; minReplicas: number } | null {
  for (const o of objects) {
    if (!sameNamespace(o, w.object)) continue;
    const spec = asRecord(o.value.spec);
    if (o.kind === 'HorizontalPodAutoscaler') {
      const ref = asRecord(spec?.scaleTargetRef);
      if (ref?.kind === w.kind && ref.name === w.object.name) return { object: o, minReplicas: typeof spec?.minReplicas === 'number' ? spec.minReplicas : 1 };
    } else if (o.kind === 'ScaledObject') {
      const ref = asRecord(spec?.scaleTargetRef);
      if (ref?.name === w.object.name && (ref.kind ?? 'Deployment') === w.kind) {
        return { object: o, minReplicas: typeof spec?.minReplicaCount === 'number' ? spec.minReplicaCount : 0 };
      }
    }
  }
  return null;
}
