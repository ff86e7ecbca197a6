/**
 * The command-line side of `mina check --github OWNER/REPO[@REF]` and `--github-org ORG`: flags
 * to access settings, and how failures surface. A repository the token cannot see is a usage
 * problem (exit 2, naming the access needed); a clone or network failure is exit 3 with git's or
 * GitHub's own reason — never a stack trace, never the token.
 */
import path from 'node:path';
import { ConfigError } from '../config/config-error.js';
import type { CheckOptions } from '../commands/check.js';
import type { Report } from '../report/report-model.js';
import { redactSecrets } from '../report/redact.js';
import { DEFAULT_API_URL, normalizeBaseUrl } from './api-client.js';
import { PermissionError } from './api-errors.js';
import { checkOrganisation } from './org-check.js';
import { formatOrgJson, formatOrgMarkdown, formatOrgTable } from './org-summary.js';
import { checkRemoteRepository, type GitHubAccess } from './remote-check.js';
import { isOwnerName, parseRepoSpec } from './repo-spec.js';
import { atomicWrite } from '../io/atomic-write.js';

export interface GitHubFlags {
  github?: string;
  githubOrg?: string;
  token?: string;
  baseUrl?: string;
  concurrency?: number;
  offline?: boolean;
  format?: string;
  output?: string;
  color?: boolean;
}

/** A remote run that failed for a reason outside mina (clone, network): exit 3 with that reason. */
export class GitHubRunError extends Error {
  override name = 'GitHubRunError';
}

export function githubAccess(flags: GitHubFlags, env: NodeJS.ProcessEnv = process.env): GitHubAccess {
  const token = flags.token || env.GITHUB_TOKEN || null;
  let baseUrl: string;
  try {
    baseUrl = normalizeBaseUrl(flags.baseUrl ?? env.GITHUB_API_URL ?? DEFAULT_API_URL);
  } catch (err) {
    throw new ConfigError(`--base-url: ${(err as Error).message}`);
  }
  return { token, baseUrl, onNotice: (m) => process.stderr.write(`mina: ${redactSecrets(m)}\n`) };
}

export function checkGitHubFlags(target: string, flags: GitHubFlags): void {
  if (flags.github && flags.githubOrg) throw new ConfigError('--github and --github-org cannot be used together');
  if (target !== '.') throw new ConfigError(`--github${flags.githubOrg ? '-org' : ''} checks a remote repository: drop the path argument "${target}"`);
  if (flags.offline) throw new ConfigError('--github needs the network (it clones the repository and reads its settings); drop --offline');
}

export async function remoteReport(flags: GitHubFlags, options: CheckOptions): Promise<Report> {
  const spec = parseRepoSpec(flags.github!);
  try {
    return await checkRemoteRepository(spec, githubAccess(flags), options);
  } catch (err) {
    throw surface(err);
  }
}

export async function githubOrgAction(flags: GitHubFlags, options: CheckOptions, onProgress?: (done: number, total: number, repo: string) => void): Promise<number> {
  const org = flags.githubOrg!;
  if (!isOwnerName(org)) throw new ConfigError(`--github-org: "${org}" is not a valid organisation name`);
  const format = flags.format ?? 'terminal';
  if (!['terminal', 'json', 'markdown'].includes(format)) throw new ConfigError(`--github-org prints a summary as terminal, json or markdown; per-repository reports are JSON files (got --format ${format})`);
  const outputDir = path.resolve(`mina-github-${org}`);
  let rows;
  try {
    rows = await checkOrganisation(org, githubAccess(flags), options, { concurrency: flags.concurrency ?? 4, outputDir, onProgress });
  } catch (err) {
    throw surface(err);
  }
  const text = format === 'json' ? formatOrgJson(org, rows) : format === 'markdown' ? formatOrgMarkdown(org, rows) : formatOrgTable(org, rows);
  if (flags.output) await atomicWrite(flags.output, text);
  else process.stdout.write(text);
  process.stderr.write(`mina: per-repository JSON reports and summary.json in ${path.relative(process.cwd(), outputDir) || outputDir}\n`);
  return rows.every((r) => r.passed) ? 0 : 1;
}

function surface(err: unknown): Error {
  if (err instanceof ConfigError) return err;
  if (err instanceof PermissionError) return new ConfigError(redactSecrets(err.message));
  return new GitHubRunError(redactSecrets(String((err as Error)?.message ?? err)));
}

/** A one-line progress bar on a terminal. */
export function orgProgressBar(stream: NodeJS.WriteStream): { update: (done: number, total: number, repo: string) => void; done: () => void } {
  return {
    update(done, total, repo) {
      const width = 24;
      const filled = total ? Math.round((done / total) * width) : 0;
      stream.write(`\r\x1b[2K[${'#'.repeat(filled).padEnd(width, '.')}] ${done}/${total} ${repo.slice(0, 40)}`);
    },
    done() {
      stream.write('\r\x1b[2K');
    },
  };
}
