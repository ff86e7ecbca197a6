/**
 * Action pinning: a tag or branch (`@v4`, `@main`) can be moved to new code by whoever controls the
 * action's repository (tj-actions/changed-files, March 2025); a full 40-hex commit SHA cannot.
 * GitHub's own actions (`actions/*`, `github/*`) are reported at a lower, configurable severity.
 */
import type { Finding, Severity } from '../../src/engine/check-api.js';
import type { Located } from '../../src/facts/ci/index.js';
import type { RuleResult } from './permissions.js';

export type GithubOwnedLevel = 'off' | 'low' | 'medium' | 'high';

const FULL_SHA = /@[0-9a-f]{40}$/i;
const GITHUB_OWNED = /^(actions|github)\//i;
/** Share of an unpinned reference's weight in the rule score, by reported severity. */
const WEIGHT: Record<GithubOwnedLevel, number> = { off: 0, low: 0.25, medium: 0.5, high: 1 };

export function pinningFindings(refs: Located<string>[], githubOwned: GithubOwnedLevel): RuleResult {
  const findings: Finding[] = [];
  let counted = 0;
  let penalty = 0;
  for (const ref of refs) {
    const value = ref.value.trim();
    if (value.startsWith('./') || value.startsWith('../')) continue;
    counted++;
    if (value.startsWith('docker://')) {
      if (!/@sha256:[0-9a-f]{64}$/i.test(value)) {
        penalty += 1;
        findings.push({ id: 'unpinned-action', message: `container action ${value} is not pinned by digest`, file: ref.file, line: ref.line, hint: 'pin the image by digest: docker://image@sha256:<digest>' });
      }
      continue;
    }
    if (FULL_SHA.test(value)) continue;
    const owned = GITHUB_OWNED.test(value);
    if (owned && githubOwned === 'off') continue;
    const severity: Severity = owned ? githubOwned === 'off' ? 'low' : githubOwned : 'high';
    penalty += owned ? WEIGHT[githubOwned] : 1;
    const at = value.lastIndexOf('@');
    findings.push({
      id: 'unpinned-action',
      message: at > 0 ? `${value} is pinned to \`${value.slice(at + 1)}\`, a movable ref, not a commit SHA` : `${value} has no version at all`,
      file: ref.file,
      line: ref.line,
      severity,
      hint: `pin to the full commit SHA and keep the tag as a comment: uses: ${at > 0 ? value.slice(0, at) : value}@<40-hex-sha> # ${at > 0 ? value.slice(at + 1) : 'vX'} (Dependabot and Renovate update pinned SHAs)`,
    });
  }
  return { findings, score: counted ? Math.max(0, 1 - penalty / counted) : 1 };
}
