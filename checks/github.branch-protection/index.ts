/**
 * github.branch-protection: the default branch requires approving reviews and passing status
 * checks, and blocks force-pushes — through classic branch protection or rulesets, whichever sets
 * it. A requirement that neither source shows as met, while one of them could not be read, makes
 * the check error with the access it needs: an unreadable setting is never reported as missing.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { githubApplies } from '../../src/github/settings-applies.js';
import { readClassic, readRulesets, REQUIREMENTS, type Requirement } from './read-protection.js';

interface Options {
  minApprovals: number;
}

const FINDINGS: Record<Requirement, (branch: string, n: number) => Finding> = {
  reviews: (branch, n) => ({
    id: 'reviews-not-required',
    message: `changes reach ${branch} without ${n === 1 ? 'an approving review' : `${n} approving reviews`}`,
    hint: `require a pull request with at least ${n} approval${n === 1 ? '' : 's'} before merging (a branch ruleset's "Require a pull request before merging", or branch protection)`,
  }),
  statusChecks: (branch) => ({
    id: 'status-checks-not-required',
    message: `${branch} does not require status checks to pass before merging`,
    hint: 'add "Require status checks to pass" with your CI job (and the mina gate) as required checks',
  }),
  noForcePush: (branch) => ({
    id: 'force-push-allowed',
    message: `force-pushes to ${branch} are allowed: history can be rewritten and reviewed commits replaced`,
    hint: 'add a ruleset with "Block force pushes", or turn off "Allow force pushes" in branch protection',
  }),
};

export default defineCheck<Options>({
  meta: {
    id: 'github.branch-protection',
    title: 'Default branch protected on GitHub',
    category: 'github',
    severity: 'high',
    description: 'The default branch requires reviews and passing status checks, and blocks force-pushes.',
    optionsSchema: {
      type: 'object',
      properties: { minApprovals: { type: 'integer', minimum: 1, maximum: 10, default: 1 } },
      additionalProperties: false,
    },
  },
  applies: ({ settings }) => githubApplies(settings),
  async run({ settings, options, signal }) {
    const target = settings.github!;
    const info = await target.repository();
    const branch = info.defaultBranch;
    const sources = await Promise.all([readRulesets(target, branch, options.minApprovals, signal), readClassic(target, branch, options.minApprovals, info.admin, signal)]);
    const findings: Finding[] = [];
    let met = 0;
    for (const req of REQUIREMENTS) {
      if (sources.some((s) => s.met[req] === true)) {
        met++;
        continue;
      }
      const unreadable = sources.find((s) => s.met[req] === undefined);
      if (unreadable?.unknown) throw unreadable.unknown;
      findings.push(FINDINGS[req](branch, options.minApprovals));
    }
    const details = sources.flatMap((s) => s.details);
    return { score: met / REQUIREMENTS.length, findings, notes: [`${target.fullName}@${branch}: ${details.join('; ') || 'no branch protection and no rulesets'}`] };
  },
});
