/**
 * The `mina init` scaffold that answers a check, for the roadmap's "how to fix". These are the
 * checks the init issue promises to scaffold for (Dockerfile, CI, Dependabot, Kubernetes, backups,
 * runbooks, policies); `--only` takes the check ids. A check not listed has no scaffold: its fix is
 * the README's and the findings' hints.
 */
const SCAFFOLDED = new Set([
  'container.dockerfile',
  'ci.pipeline',
  'ci.hardening',
  'ci.readiness-gate',
  'deps.update-automation',
  'k8s.workload-hardening',
  'k8s.network-policy',
  'backups.scheduled',
  'backups.restore-tested',
  'ops.runbooks',
  'ops.security-policy',
  'ops.change-management',
  'incident.response',
]);

export function initCommandFor(checkId: string): string | null {
  return SCAFFOLDED.has(checkId) ? `mina init --only ${checkId}` : null;
}
