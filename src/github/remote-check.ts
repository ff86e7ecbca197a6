/**
 * `mina check --github OWNER/REPO[@REF]`: read the repository's metadata, shallow-clone it into a
 * temporary folder, run every static check there plus the settings checks, and remove the folder.
 * The clone is someone else's code: plugins named in its mina.yaml are never loaded, and a rubric
 * it names must lie inside the checkout.
 */
import path from 'node:path';
import { ConfigError } from '../config/config-error.js';
import { findConfig } from '../config/mina-config.js';
import { resolveRubricRef } from '../rubric/load-rubric.js';
import { runCheck, type CheckOptions } from '../commands/check.js';
import type { Report } from '../report/report-model.js';
import { createGitHubClient, normalizeBaseUrl, type GitHubClient } from './api-client.js';
import { cloneUrlProblem, shallowClone } from './clone.js';
import { GitHubTarget, type RepositoryInfo } from './github-target.js';
import type { RepoSpec } from './repo-spec.js';
import { withTempCheckout } from './temp-checkout.js';

export interface GitHubAccess {
  /** Never printed or written. */
  token: string | null;
  baseUrl: string;
  onNotice?: (message: string) => void;
}

/** One client per run, shared by every repository of an organisation (one rate-limit budget). */
export function clientFactory(access: GitHubAccess): () => GitHubClient {
  let client: GitHubClient | null = null;
  // A settings check has 60 s; a longer rate-limit wait would only end in its time-out.
  return () => (client ??= createGitHubClient({ token: access.token, baseUrl: access.baseUrl, onNotice: access.onNotice, maxWaitSeconds: 30 }));
}

export async function checkRemoteRepository(spec: RepoSpec, access: GitHubAccess, options: CheckOptions, client = clientFactory(access), known?: RepositoryInfo): Promise<Report> {
  const target = new GitHubTarget(spec.owner, spec.repo, access.token !== null, client);
  const info = known ?? (await target.repository());
  const problem = cloneUrlProblem(info.cloneUrl, normalizeBaseUrl(access.baseUrl));
  if (problem) throw new Error(`${spec.owner}/${spec.repo}: ${problem}`);
  return withTempCheckout(async ({ dir, signal }) => {
    try {
      await shallowClone({ url: info.cloneUrl, ref: spec.ref, dir, token: access.token, signal });
    } catch (err) {
      throw new Error(`could not clone ${spec.owner}/${spec.repo}${spec.ref ? `@${spec.ref}` : ''}: ${firstLine(err)}`);
    }
    if (!options.rubric) confineRubric(dir);
    const report = await runCheck(dir, { ...options, plugins: false, settings: { ...options.settings, github: target } });
    // The temporary folder is gone once this returns; the report names the repository instead.
    report.target.path = info.htmlUrl || `${spec.owner}/${spec.repo}`;
    return report;
  });
}

function confineRubric(dir: string): void {
  const found = findConfig(dir);
  const ref = found.config.rubric;
  if (!found.file || !ref || !found.file.startsWith(dir + path.sep)) return;
  const file = resolveRubricRef(ref, found.dir);
  const rel = path.relative(dir, file);
  if (file.startsWith(path.dirname(resolveRubricRef('default', dir)) + path.sep)) return;
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    throw new ConfigError({ file: path.relative(dir, found.file), message: `the repository's rubric "${ref}" lies outside the repository; pass --rubric to choose one` });
  }
}

/** git's message without the progress lines, and never more than one line. */
function firstLine(err: unknown): string {
  const text = String((err as Error)?.message ?? err);
  const lines = text.split(/[\r\n]+/).map((l) => l.trim()).filter((l) => l && !/^(Cloning into|remote:|Receiving|Resolving|Updating files|Unpacking)/.test(l));
  return (lines.find((l) => /fatal|error/i.test(l)) ?? lines[0] ?? 'git failed').slice(0, 300);
}
