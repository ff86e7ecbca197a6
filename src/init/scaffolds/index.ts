/**
 * Every scaffold `mina init` knows, in the order the plan lists them. A scaffold names the checks
 * it answers; `--only` accepts those check ids as well as the scaffold ids.
 */
import type { Scaffold } from '../model.js';
import { dockerfileScaffold } from './dockerfile.js';
import { ciScaffold, minaConfigScaffold, readinessScaffold } from './github-ci.js';
import { ciHardeningScaffold } from './ci-hardening.js';
import { dependabotScaffold, deployScaffold } from './delivery.js';
import { k8sPoliciesScaffold, kubernetesScaffold } from './kubernetes.js';
import { k8sHardeningScaffold } from './k8s-hardening.js';
import { backupsScaffold } from './backups.js';
import { alertsScaffold } from './alerts.js';
import { changeManagementScaffold, incidentResponseScaffold, runbooksScaffold, securityPolicyScaffold } from './docs.js';

export const SCAFFOLDS: readonly Scaffold[] = [
  dockerfileScaffold,
  kubernetesScaffold,
  k8sPoliciesScaffold,
  k8sHardeningScaffold,
  backupsScaffold,
  alertsScaffold,
  ciScaffold,
  ciHardeningScaffold,
  readinessScaffold,
  minaConfigScaffold,
  deployScaffold,
  dependabotScaffold,
  runbooksScaffold,
  securityPolicyScaffold,
  incidentResponseScaffold,
  changeManagementScaffold,
];

/** Check ids some scaffold answers. */
export function answeredChecks(): Set<string> {
  return new Set(SCAFFOLDS.flatMap((s) => s.answers));
}

/**
 * Scaffold ids for `--only` values (scaffold ids or check ids). Unknown values are returned in
 * `unknown` so the command can refuse them by name.
 */
export function resolveOnly(values: readonly string[]): { scaffolds: Set<string>; unknown: string[] } {
  const scaffolds = new Set<string>();
  const unknown: string[] = [];
  for (const v of values) {
    const byId = SCAFFOLDS.find((s) => s.id === v);
    const byCheck = SCAFFOLDS.filter((s) => s.answers.includes(v));
    if (byId) scaffolds.add(byId.id);
    else if (byCheck.length) for (const s of byCheck) scaffolds.add(s.id);
    else unknown.push(v);
  }
  return { scaffolds, unknown };
}
