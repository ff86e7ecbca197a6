/**
 * The previous result to compare a pull request with: the newest mina check run on the base
 * branch's recent commits. Each published check run carries its history record (score, level,
 * each check's status; no finding text) in an HTML comment of its output, so reading it back needs
 * only `checks: read` and no artifact storage.
 */
import { parseRecord, recordFromReport, type HistoryRecord } from '../../history/history-record.js';
import type { Report } from '../../report/report-model.js';
import type { GitHubClient } from '../api-client.js';
import { readApiError } from '../api-errors.js';
import type { ActionsContext } from './actions-context.js';

const MARK = 'mina-result:v1';
const MARKER = new RegExp(`<!-- ${MARK} ([A-Za-z0-9_-]{1,400000}) -->`);
/** How many of the base branch's newest commits are searched for a result. */
export const BASE_COMMITS_SEARCHED = 10;

export interface BaseResult {
  record: HistoryRecord;
  sha: string;
  ref: string;
}

export function encodeResult(report: Report): string {
  return `<!-- ${MARK} ${Buffer.from(JSON.stringify(recordFromReport(report)), 'utf8').toString('base64url')} -->`;
}

export function decodeResult(text: string | null | undefined): HistoryRecord | null {
  const m = text ? MARKER.exec(text) : null;
  if (!m) return null;
  try {
    return parseRecord(JSON.parse(Buffer.from(m[1], 'base64url').toString('utf8')));
  } catch {
    return null;
  }
}

export async function findBaseResult(client: GitHubClient, ctx: ActionsContext, checkName: string, notice: (m: string) => void): Promise<BaseResult | null> {
  if (!ctx.pr) return null;
  const { owner, repo } = ctx;
  const ref = ctx.pr.baseRef;
  try {
    const { data: commits } = await client.rest.repos.listCommits({ owner, repo, sha: ref, per_page: BASE_COMMITS_SEARCHED });
    for (const commit of commits) {
      const { data } = await client.rest.checks.listForRef({ owner, repo, ref: commit.sha, check_name: checkName, filter: 'latest', per_page: 10 });
      for (const run of data.check_runs) {
        const record = run.status === 'completed' ? decodeResult(run.output?.text) : null;
        if (record) return { record, sha: commit.sha, ref };
      }
    }
    return null;
  } catch (err) {
    const e = readApiError(err);
    notice(`no comparison with ${ref}: reading its check runs failed (${e.status ?? 'error'}: ${e.message}); the workflow needs "checks: read" and "contents: read"`);
    return null;
  }
}
