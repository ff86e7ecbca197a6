/**
 * CI steps that audit dependencies for known vulnerabilities: audit commands (npm/yarn/pnpm audit,
 * pip-audit, safety, osv-scanner, trivy, grype, snyk, mina check) and the actions, GitLab templates
 * and orbs that run them — in jobs that run without someone starting them.
 */
import type { CiFacts, Command } from '../ci/model.js';
import { allJobs, runsAutomatically } from '../ci/index.js';

export interface AuditStep {
  what: string;
  file: string;
  line: number;
}

const ACTIONS = [
  'actions/dependency-review-action',
  'pypa/gh-action-pip-audit',
  'google/osv-scanner-action',
  'aquasecurity/trivy-action',
  'anchore/scan-action',
  'snyk/actions',
  'pyupio/safety-action',
  'pyupio/safety',
];
/** GitLab templates and CircleCI orbs that add a dependency scan. */
const INCLUDES = /Dependency-Scanning|Dependency_Scanning|snyk\/snyk|anchore\/|aquasecurity\/trivy/i;

function auditCommand(argv: string[]): string | null {
  const [cmd, sub, third] = argv;
  if ((cmd === 'npm' || cmd === 'pnpm' || cmd === 'bun') && sub === 'audit' && third !== 'signatures') return `${cmd} audit`;
  if (cmd === 'yarn' && (sub === 'audit' || (sub === 'npm' && third === 'audit'))) return 'yarn audit';
  if (cmd === 'pip-audit' || cmd === 'pip_audit' || cmd === 'osv-scanner' || cmd === 'grype' || cmd === 'audit-ci' || cmd === 'better-npm-audit') return cmd;
  if (cmd === 'safety' && (sub === 'check' || sub === 'scan')) return `safety ${sub}`;
  if (cmd === 'trivy' && ['fs', 'filesystem', 'repo', 'repository', 'rootfs', 'image'].includes(sub ?? '')) return `trivy ${sub}`;
  if (cmd === 'snyk' && sub === 'test') return 'snyk test';
  if (cmd === 'poetry' && sub === 'audit') return 'poetry audit';
  if (cmd === 'mina' && sub === 'check') return 'mina check';
  return null;
}

export function auditSteps(ci: CiFacts): AuditStep[] {
  const out: AuditStep[] = [];
  const fromCommands = (commands: Command[]) => {
    for (const c of commands) {
      const what = auditCommand(c.argv);
      if (what) out.push({ what, file: c.file, line: c.line });
    }
  };
  for (const { job } of allJobs(ci)) {
    if (!runsAutomatically(job)) continue;
    for (const step of job.steps) {
      fromCommands(step.commands);
      const uses = step.uses?.value ?? '';
      const action = ACTIONS.find((a) => uses.toLowerCase().startsWith(a));
      if (action && step.uses) out.push({ what: action, file: step.uses.file, line: step.uses.line });
    }
    const called = job.calls?.value ?? '';
    if (job.calls && ACTIONS.some((a) => called.toLowerCase().startsWith(a))) out.push({ what: called, file: job.calls.file, line: job.calls.line });
  }
  // local composite actions run as steps of the workflows that use them
  for (const a of ci.actions) for (const step of a.steps) fromCommands(step.commands);
  for (const p of ci.pipelines) for (const e of p.external) if (INCLUDES.test(e.value)) out.push({ what: e.value, file: e.file, line: e.line });
  return out;
}
