/**
 * `mina check --github-org ORG`: every non-archived repository of an organisation (or, when no
 * organisation has that name, of a user), checked like `--github OWNER/REPO` a few at a time. One
 * repository failing to clone or to read is a row with its error, never the end of the run.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { atomicWrite } from '../io/atomic-write.js';
import { formatJson } from '../report/json-reporter.js';
import type { CheckOptions } from '../commands/check.js';
import { apiFailure, PermissionError, statusOf } from './api-errors.js';
import type { GitHubClient } from './api-client.js';
import { repositoryInfo, type RepositoryInfo } from './github-target.js';
import { checkRemoteRepository, clientFactory, type GitHubAccess } from './remote-check.js';
import { isRepoName } from './repo-spec.js';

export interface OrgRow {
  repo: string;
  score: number | null;
  level: string | null;
  passed: boolean;
  /** The per-repository JSON report, relative to the output folder. */
  report: string | null;
  error: string | null;
}

export interface OrgOptions {
  concurrency: number;
  /** Folder for `<repo>.json` reports and `summary.json`. */
  outputDir: string;
  onProgress?: (done: number, total: number, repo: string) => void;
}

export async function listRepositories(client: GitHubClient, org: string): Promise<RepositoryInfo[]> {
  let raw: Record<string, unknown>[];
  try {
    raw = (await client.paginate(client.rest.repos.listForOrg, { org, type: 'all', per_page: 100 })) as unknown as Record<string, unknown>[];
  } catch (err) {
    if (statusOf(err) !== 404) throw listFailure(org, err);
    try {
      raw = (await client.paginate(client.rest.repos.listForUser, { username: org, type: 'owner', per_page: 100 })) as unknown as Record<string, unknown>[];
    } catch (err2) {
      throw listFailure(org, err2);
    }
  }
  return raw
    .filter((r) => r.archived !== true && typeof r.name === 'string' && isRepoName(r.name))
    .map((r) => ({ ...repositoryInfo(r), name: r.name as string }))
    .sort((a, b) => a.fullName.localeCompare(b.fullName));
}

function listFailure(org: string, err: unknown): Error {
  const s = statusOf(err);
  if (s === 401 || s === 403 || s === 404) {
    return new PermissionError({ what: `list the repositories of ${org}`, classic: 'the `repo` scope (and `read:org` for private organisation repositories)', fineGrained: 'access to the organisation\'s repositories ("Metadata: read")' }, err, true);
  }
  return apiFailure(`list the repositories of ${org}`, err);
}

export async function checkOrganisation(org: string, access: GitHubAccess, check: CheckOptions, options: OrgOptions): Promise<OrgRow[]> {
  const client = clientFactory(access);
  const repos = await listRepositories(client(), org);
  await mkdir(options.outputDir, { recursive: true });
  const rows: OrgRow[] = new Array(repos.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < repos.length) {
      const i = next++;
      const info = repos[i] as RepositoryInfo & { name: string };
      rows[i] = await checkOne(org, info, access, check, client, options.outputDir);
      options.onProgress?.(++done, repos.length, info.name);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, repos.length)) }, worker));
  await atomicWrite(path.join(options.outputDir, 'summary.json'), JSON.stringify({ org, generatedAt: new Date().toISOString(), repositories: rows }, null, 2) + '\n');
  return rows;
}

async function checkOne(org: string, info: RepositoryInfo & { name: string }, access: GitHubAccess, check: CheckOptions, client: () => GitHubClient, outDir: string): Promise<OrgRow> {
  const repo = info.name;
  try {
    const report = await checkRemoteRepository({ owner: org, repo, ref: null }, access, check, client, info);
    const file = `${repo}.json`;
    await atomicWrite(path.join(outDir, file), formatJson(report));
    return { repo, score: report.score, level: report.level.id, passed: report.gate.passed, report: file, error: null };
  } catch (err) {
    return { repo, score: null, level: null, passed: false, report: null, error: String((err as Error)?.message ?? err).split('\n')[0].slice(0, 300) };
  }
}
