/**
 * What protects a branch on GitHub, from both mechanisms: classic branch protection (readable by
 * repository admins only) and rulesets (the active rules for a branch, readable with read access).
 * Each source says, per requirement, met / not met / unknown; unknown carries the reason.
 */
import type { GitHubTarget } from '../../src/github/github-target.js';
import { ADMIN_READ, PermissionError, apiFailure, readApiError } from '../../src/github/api-errors.js';

export type Requirement = 'reviews' | 'statusChecks' | 'noForcePush';
export const REQUIREMENTS: Requirement[] = ['reviews', 'statusChecks', 'noForcePush'];

export interface SourceReading {
  source: string;
  /** Per requirement; absent when this source cannot tell (see `unknown`). */
  met: Partial<Record<Requirement, boolean>>;
  /** Why this source could not be read, when it could not. */
  unknown: Error | null;
  /** What was found, for notes ("ruleset main-rules: 2 approvals"). */
  details: string[];
}

interface BranchRule {
  type?: string;
  parameters?: Record<string, unknown>;
  ruleset_source?: string;
  ruleset_id?: number;
}

export async function readRulesets(target: GitHubTarget, branch: string, minApprovals: number, signal: AbortSignal): Promise<SourceReading> {
  const reading: SourceReading = { source: 'rulesets', met: {}, unknown: null, details: [] };
  let rules: BranchRule[];
  try {
    const api = target.client();
    rules = (await api.paginate(api.rest.repos.getBranchRules, { owner: target.owner, repo: target.repo, branch, per_page: 100, request: { signal } })) as BranchRule[];
  } catch (err) {
    const { status } = readApiError(err);
    reading.unknown =
      status === 403 || status === 404 || status === 401
        ? new PermissionError({ what: `read the rulesets for ${branch}`, classic: 'the `repo` scope (`public_repo` for a public repository)', fineGrained: '"Metadata: read"' }, err, target.authenticated)
        : apiFailure(`read the rulesets for ${branch}`, err);
    return reading;
  }
  const approvals = Math.max(0, ...rules.filter((r) => r.type === 'pull_request').map((r) => Number(r.parameters?.required_approving_review_count ?? 0) || 0));
  const checks = rules.filter((r) => r.type === 'required_status_checks').flatMap((r) => (Array.isArray(r.parameters?.required_status_checks) ? r.parameters.required_status_checks : []));
  reading.met.reviews = approvals >= minApprovals;
  reading.met.statusChecks = checks.length > 0;
  reading.met.noForcePush = rules.some((r) => r.type === 'non_fast_forward');
  const sources = [...new Set(rules.map((r) => r.ruleset_source).filter((s): s is string => typeof s === 'string'))];
  if (rules.length) reading.details.push(`rulesets (${sources.join(', ') || 'unnamed'}): ${rules.length} active rule${rules.length === 1 ? '' : 's'}`);
  return reading;
}

export async function readClassic(target: GitHubTarget, branch: string, minApprovals: number, admin: boolean | null, signal: AbortSignal): Promise<SourceReading> {
  const reading: SourceReading = { source: 'branch protection', met: {}, unknown: null, details: [] };
  let data: Record<string, unknown>;
  try {
    data = (await target.client().rest.repos.getBranchProtection({ owner: target.owner, repo: target.repo, branch, request: { signal } })).data as unknown as Record<string, unknown>;
  } catch (err) {
    const { status, message } = readApiError(err);
    // GitHub says "Branch not protected" to those allowed to see protection; a bare 404 may be
    // a token that may not look, so only that message, or a known admin, counts as "none".
    if (status === 404 && (/branch not protected/i.test(message) || admin === true)) {
      reading.met = { reviews: false, statusChecks: false, noForcePush: false };
      return reading;
    }
    reading.unknown =
      status === 403 || status === 404 || status === 401
        ? new PermissionError(ADMIN_READ(`read the branch protection of ${target.fullName}@${branch}`), err, target.authenticated)
        : apiFailure(`read the branch protection of ${branch}`, err);
    return reading;
  }
  const reviews = data.required_pull_request_reviews as { required_approving_review_count?: unknown } | undefined;
  const approvals = Number(reviews?.required_approving_review_count ?? 0) || 0;
  const status = data.required_status_checks as { contexts?: unknown; checks?: unknown } | undefined;
  // `checks` supersedes `contexts`; GitHub fills both with the same names.
  const contexts: unknown[] = Array.isArray(status?.checks) && status.checks.length > 0 ? status.checks : Array.isArray(status?.contexts) ? status.contexts : [];
  const force = data.allow_force_pushes as { enabled?: unknown } | undefined;
  reading.met = { reviews: reviews !== undefined && approvals >= minApprovals, statusChecks: contexts.length > 0, noForcePush: force?.enabled !== true };
  reading.details.push(`branch protection: ${approvals} approval${approvals === 1 ? '' : 's'}, ${contexts.length} required check${contexts.length === 1 ? '' : 's'}, force-push ${force?.enabled === true ? 'allowed' : 'blocked'}`);
  return reading;
}
