/**
 * Availability of replicated workloads: at least two replicas (or an autoscaler whose minimum is
 * two) and a PodDisruptionBudget whose selector matches the pod labels, so a node drain or a
 * cluster upgrade never takes every replica down at once. A budget that forbids every eviction is
 * reported too: it blocks drains instead of pacing them.
 */
import type { Finding } from '../../src/engine/check-api.js';
import { asRecord, autoscalerFor, selectorMatches, type K8sObject, type Workload } from '../../src/facts/k8s/index.js';
import type { WorkloadRule } from './container-rules.js';

export const availabilityRule: WorkloadRule = {
  id: 'replicas-and-pdb',
  title: 'replicas ≥ 2 with a PodDisruptionBudget',
  appliesTo: (w) => w.class === 'replicated',
  check(w, objects) {
    const out: Finding[] = [];
    const name = `${w.kind} ${w.object.name ?? '(unnamed)'}`;
    const scaler = autoscalerFor(w, objects);
    const replicas = scaler ? scaler.minReplicas : w.replicas;
    if (replicas !== null && replicas < 2) {
      const at = scaler ? scaler.object.locate(['spec', 'minReplicas']) : w.object.locate(['spec', 'replicas']);
      out.push({ id: 'single-replica', message: `${name} runs ${replicas} replica${replicas === 1 ? '' : 's'}${scaler ? ` at its autoscaler's minimum` : ''}: one pod down is an outage`, ...at, hint: scaler ? 'set minReplicas: 2 (or more) on the autoscaler' : 'set spec.replicas: 2 or more (or an HPA with minReplicas ≥ 2)' });
    }
    const pdbs = objects.filter((o) => o.kind === 'PodDisruptionBudget' && o.namespace === w.object.namespace && selectorMatches(asRecord(o.value.spec)?.selector, w.podLabels));
    if (pdbs.length === 0) {
      out.push({ id: 'no-pdb', message: `no PodDisruptionBudget selects the pods of ${name}`, ...w.object.locate(['metadata', 'name']), hint: 'add a PodDisruptionBudget with `maxUnavailable: 1` and the same selector as the workload' });
    }
    for (const pdb of pdbs) {
      const blocking = blocksEviction(pdb, replicas);
      if (blocking) out.push({ id: 'pdb-blocks-eviction', message: `PodDisruptionBudget ${pdb.name ?? ''} ${blocking}, so nodes running ${name} can never be drained`, ...pdb.locate(['spec']), hint: 'use maxUnavailable: 1 (or minAvailable below the replica count)' });
    }
    return out;
  },
};

function blocksEviction(pdb: K8sObject, replicas: number | null): string | null {
  const spec = asRecord(pdb.value.spec) ?? {};
  if (spec.maxUnavailable === 0 || spec.maxUnavailable === '0%') return 'allows no unavailable pod';
  if (spec.minAvailable === '100%') return 'requires 100% available';
  if (typeof spec.minAvailable === 'number' && replicas !== null && spec.minAvailable >= replicas) return `requires ${spec.minAvailable} of ${replicas} replicas available`;
  return null;
}
