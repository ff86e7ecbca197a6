/**
 * The repository-settings checks (`github.*`) read GitHub's API, not files: they apply when the run
 * has a GitHub repository (`mina check --github OWNER/REPO`, `--github-org`) and are not-applicable
 * for a local path, where mina cannot know which repository — or whose token — is meant. Being
 * not-applicable, they leave the score's denominator and lower `coverage` instead.
 */
import type { Applicability, RunSettings } from '../engine/check-api.js';

export function githubApplies(settings: RunSettings): Applicability {
  if (!settings.github) return { applies: false, reason: 'repository settings are read from GitHub: run mina check --github OWNER/REPO' };
  if (settings.offline) return { applies: false, reason: '--offline: the GitHub API is not reachable' };
  return true;
}
