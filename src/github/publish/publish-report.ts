/**
 * `mina publish` / `mina check --publish` inside GitHub Actions: step outputs, the Markdown summary
 * on the run page, a check run with annotations on the commit, and one PR comment kept up to date —
 * each with the change against the base branch's last result. The parts are independent: a token
 * that may not write check runs or comments (a pull request from a fork gets a read-only one) costs
 * that part, with a warning naming the permission, and never the others.
 */
import path from 'node:path';
import type { Report } from '../../report/report-model.js';
import { formatMarkdown } from '../../report/markdown.js';
import { createGitHubClient, type GitHubClient } from '../api-client.js';
import { readApiError } from '../api-errors.js';
import { readActionsContext } from './actions-context.js';
import { appendOutputs, appendStepSummary } from './action-files.js';
import { toAnnotations } from './annotations.js';
import { encodeResult, findBaseResult } from './base-result.js';
import { publishCheckRun } from './check-run.js';
import { deltaMarkdown, scoreDelta } from './delta.js';
import { upsertPrComment } from './pr-comment.js';

export interface PublishOptions {
  /** `--token` or GITHUB_TOKEN; null skips the check run and the comment. */
  token: string | null;
  /** Default: GITHUB_API_URL. */
  baseUrl?: string;
  /** Default `mina`, or `mina (<folder>)` when the checked folder is not the repository root. */
  checkName?: string;
  checkRun?: boolean;
  comment?: boolean;
  summary?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Tests pass a client with shorter waits. */
  client?: GitHubClient;
}

export interface PublishResult {
  done: string[];
  warnings: string[];
  /** Parts that failed for a reason other than a missing permission. */
  failures: string[];
}

/** Room left under GitHub's 65,536-character comment limit for the marker and the delta lines. */
const MARKDOWN_BUDGET = 60_000;

export async function publishReport(report: Report, options: PublishOptions): Promise<PublishResult> {
  const ctx = readActionsContext(options.env ?? process.env);
  const result: PublishResult = { done: [], warnings: [], failures: [] };
  const notice = (m: string) => result.warnings.push(m);
  const prefix = folderInWorkspace(report.target.path, ctx.workspace);
  const name = options.checkName ?? (prefix ? `mina (${prefix})` : 'mina');
  const client = options.client ?? (options.token ? createGitHubClient({ token: options.token, baseUrl: options.baseUrl ?? ctx.apiUrl, onNotice: notice }) : null);
  if (!client && (options.checkRun !== false || (options.comment !== false && ctx.pr))) {
    notice('no token (GITHUB_TOKEN or --token): the check run and the PR comment are skipped');
  }

  const base = client && ctx.pr ? await findBaseResult(client, ctx, name, notice) : null;
  const markdown = withDelta(formatMarkdown(report, { maxLength: MARKDOWN_BUDGET }), ctx.pr ? deltaMarkdown(report, base) : '');
  const extra: Record<string, string> = { 'score-delta': base ? String(scoreDelta(report, base)) : '' };

  if (options.summary !== false && ctx.stepSummary) {
    await attempt(result, 'step summary', null, async () => {
      await appendStepSummary(ctx.stepSummary!, markdown);
      return `step summary written`;
    });
  }
  if (client && options.checkRun !== false) {
    await attempt(result, 'check run', '"checks: write"', async () => {
      const { annotations, dropped } = toAnnotations(report, prefix);
      const note = dropped ? `\n\n${dropped} more findings are not annotated here; the summary and \`mina check --format sarif\` list them all.` : '';
      const run = await publishCheckRun(client, ctx, name, report, markdown, encodeResult(report) + note, annotations);
      if (run.url) extra['check-run-url'] = run.url;
      return `check run "${name}" on ${ctx.sha.slice(0, 7)} with ${annotations.length} annotation${annotations.length === 1 ? '' : 's'} (${run.requests} request${run.requests === 1 ? '' : 's'})`;
    });
  }
  if (client && options.comment !== false && ctx.pr) {
    await attempt(result, 'pull request comment', '"pull-requests: write"', async () => {
      const c = await upsertPrComment(client, ctx, name, markdown);
      if (c) extra['comment-url'] = c.url;
      return c ? `PR #${ctx.pr!.number} comment ${c.action}` : 'no PR comment';
    });
  }
  if (ctx.output) await attempt(result, 'step outputs', null, async () => (await appendOutputs(ctx.output!, report, extra), 'step outputs written'));
  return result;
}

async function attempt(result: PublishResult, what: string, permission: string | null, work: () => Promise<string>): Promise<void> {
  try {
    result.done.push(await work());
  } catch (err) {
    const e = readApiError(err);
    if (permission && (e.status === 403 || e.status === 404)) {
      result.warnings.push(`${what} not published: GitHub answered ${e.status} (${e.message}); the workflow's token needs ${permission} (pull requests from forks get a read-only token)`);
    } else {
      result.failures.push(`${what} not published: ${e.status ? `GitHub answered ${e.status} (${e.message})` : e.message}`);
    }
  }
}

/** The delta goes right under the report's heading line. */
function withDelta(markdown: string, delta: string): string {
  if (!delta) return markdown;
  const cut = markdown.indexOf('\n\n');
  return cut === -1 ? delta + markdown : markdown.slice(0, cut + 2) + delta + markdown.slice(cut + 2);
}

function folderInWorkspace(target: string, workspace: string | null): string {
  if (!workspace || !path.isAbsolute(target)) return '';
  const rel = path.relative(path.resolve(workspace), target);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return '';
  return rel.split(path.sep).join('/');
}
