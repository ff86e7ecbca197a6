/**
 * ci.hardening: GitHub Actions workflows and local actions follow least privilege. Four rules, a
 * quarter of the score each: token permissions, actions pinned to commit SHAs, no privileged job
 * checking out pull-request code, no attacker-controlled text interpolated into scripts.
 */
import { defineCheck } from '../../src/engine/check-api.js';
import { ciFact, type CiFacts, type Located } from '../../src/facts/ci/index.js';
import { permissionFindings } from './permissions.js';
import { pinningFindings, type GithubOwnedLevel } from './pinning.js';
import { injectionFindings, untrustedCheckoutFindings, type UntrustedTarget } from './untrusted-input.js';

interface Options {
  githubOwnedSeverity: GithubOwnedLevel;
}

export default defineCheck<Options>({
  meta: {
    id: 'ci.hardening',
    title: 'CI workflows follow least privilege',
    category: 'infra',
    severity: 'high',
    description: 'GitHub workflows restrict token permissions, pin actions to commit SHAs, never run pull-request code with secrets, and never interpolate untrusted text into scripts.',
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        githubOwnedSeverity: {
          enum: ['off', 'low', 'medium', 'high'],
          default: 'low',
          description: 'Severity for unpinned GitHub-owned actions (actions/*, github/*); off ignores them.',
        },
      },
    },
  },
  async applies({ repo }) {
    const ci = await repo.fact(ciFact);
    // A workflow that does not parse never runs, so there is nothing to harden (ci.pipeline reports it).
    const readable = ci.pipelines.some((p) => p.system === 'github') || ci.actions.length > 0;
    return readable || { applies: false, reason: ci.files.some((f) => f.system === 'github') ? 'no readable GitHub Actions workflow (the malformed ones are reported by ci.pipeline)' : 'no GitHub Actions workflows or actions' };
  },
  async run({ repo, options }) {
    const ci = await repo.fact(ciFact);
    const workflows = ci.pipelines.filter((p) => p.system === 'github');
    const targets = ownSteps(ci);
    const rules = [
      permissionFindings(workflows),
      pinningFindings(actionRefs(ci), options.githubOwnedSeverity ?? 'low'),
      untrustedCheckoutFindings(targets),
      injectionFindings(targets),
    ];
    const notes = ci.problems.filter((p) => ci.files.some((f) => f.path === p.file && f.system === 'github')).map((p) => `${p.file} ${p.message}: not assessed (ci.pipeline reports it)`);
    return { score: rules.reduce((s, r) => s + r.score, 0) / rules.length, findings: rules.flatMap((r) => r.findings), notes };
  },
});

/**
 * Each step once, in the file that declares it: workflow jobs' own steps (composite steps spliced
 * into a job are assessed in their action file), then local actions' steps.
 */
function ownSteps(ci: CiFacts): UntrustedTarget[] {
  const out: UntrustedTarget[] = [];
  for (const p of ci.pipelines) {
    if (p.system !== 'github') continue;
    for (const job of p.jobs) for (const step of job.steps) if (step.file === p.file) out.push({ step, events: job.events, jobId: job.id });
  }
  for (const a of ci.actions) for (const step of a.steps) if (step.file === a.file) out.push({ step, events: new Set() });
  return out;
}

/** Every `uses:` that names code from elsewhere: step actions and remote reusable workflows. */
function actionRefs(ci: CiFacts): Located<string>[] {
  const refs: Located<string>[] = [];
  for (const { step } of ownSteps(ci)) if (step.uses) refs.push(step.uses);
  for (const p of ci.pipelines) if (p.system === 'github') for (const job of p.jobs) if (job.calls) refs.push(job.calls);
  return refs;
}
