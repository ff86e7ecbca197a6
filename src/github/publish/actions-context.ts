/**
 * Where a `mina publish` inside GitHub Actions publishes to, read from the runner's environment
 * and the event payload. For a pull request the check run goes on the PR's head commit (GITHUB_SHA
 * is the temporary merge commit, which the PR page does not show) and the base branch is where the
 * previous result is looked up.
 */
import { readFileSync, statSync } from 'node:fs';
import { ConfigError } from '../../config/config-error.js';
import { isOwnerName, isRepoName, isRefName } from '../repo-spec.js';

export interface PullRequest {
  number: number;
  baseRef: string;
  baseSha: string | null;
}

export interface ActionsContext {
  owner: string;
  repo: string;
  /** The commit the check run is attached to. */
  sha: string;
  pr: PullRequest | null;
  apiUrl: string;
  /** Link to this workflow run, for the check run's details. */
  runUrl: string | null;
  stepSummary: string | null;
  output: string | null;
  workspace: string | null;
}

const MAX_EVENT_BYTES = 16 * 1024 * 1024;
const SHA = /^[0-9a-f]{40}$/;

export function readActionsContext(env: NodeJS.ProcessEnv = process.env): ActionsContext {
  if (env.GITHUB_ACTIONS !== 'true') throw new ConfigError('mina publish runs inside GitHub Actions (GITHUB_ACTIONS=true); elsewhere use mina check --format markdown|sarif');
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo || !isOwnerName(owner) || !isRepoName(repo)) throw new ConfigError(`GITHUB_REPOSITORY is not OWNER/REPO: "${env.GITHUB_REPOSITORY ?? ''}"`);
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const pull = (event?.pull_request ?? null) as { number?: unknown; base?: { ref?: unknown; sha?: unknown }; head?: { sha?: unknown } } | null;
  let pr: PullRequest | null = null;
  let sha = env.GITHUB_SHA ?? '';
  if (pull && typeof pull.number === 'number' && typeof pull.base?.ref === 'string' && isRefName(pull.base.ref)) {
    pr = { number: pull.number, baseRef: pull.base.ref, baseSha: typeof pull.base.sha === 'string' && SHA.test(pull.base.sha) ? pull.base.sha : null };
    if (typeof pull.head?.sha === 'string' && SHA.test(pull.head.sha)) sha = pull.head.sha;
  }
  if (!SHA.test(sha)) throw new ConfigError(`GITHUB_SHA is not a commit: "${sha}"`);
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  return {
    owner,
    repo,
    sha,
    pr,
    apiUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    runUrl: env.GITHUB_RUN_ID && /^\d+$/.test(env.GITHUB_RUN_ID) ? `${server}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : null,
    stepSummary: env.GITHUB_STEP_SUMMARY || null,
    output: env.GITHUB_OUTPUT || null,
    workspace: env.GITHUB_WORKSPACE || null,
  };
}

function readEvent(file: string | undefined): Record<string, unknown> | null {
  if (!file) return null;
  try {
    if (statSync(file).size > MAX_EVENT_BYTES) return null;
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
