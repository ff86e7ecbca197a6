/**
 * The check run: created completed, with the gate as its conclusion, the Markdown report as its
 * summary and the first 50 annotations; further annotations are added 50 per update, which GitHub
 * appends to the run. The output's text carries the machine-readable result for later comparisons.
 */
import type { Report } from '../../report/report-model.js';
import type { GitHubClient } from '../api-client.js';
import type { ActionsContext } from './actions-context.js';
import { batches, type Annotation } from './annotations.js';

/** GitHub's limit for a check run's summary and text. */
export const CHECK_OUTPUT_LIMIT = 65_535;

export interface CheckRunResult {
  id: number;
  url: string | null;
  requests: number;
}

export function checkRunTitle(report: Report): string {
  return `${report.score.toFixed(1)}/100 · ${report.level.title} · gate ${report.gate.passed ? 'passed' : 'failed'}`;
}

export async function publishCheckRun(client: GitHubClient, ctx: ActionsContext, name: string, report: Report, summary: string, text: string, annotations: Annotation[]): Promise<CheckRunResult> {
  const [first = [], ...rest] = batches(annotations);
  const title = checkRunTitle(report);
  const output = { title, summary: summary.slice(0, CHECK_OUTPUT_LIMIT), text: text.slice(0, CHECK_OUTPUT_LIMIT) };
  const { data } = await client.rest.checks.create({
    owner: ctx.owner,
    repo: ctx.repo,
    name,
    head_sha: ctx.sha,
    status: 'completed',
    conclusion: report.gate.passed ? 'success' : 'failure',
    completed_at: new Date().toISOString(),
    ...(ctx.runUrl ? { details_url: ctx.runUrl } : {}),
    output: { ...output, annotations: first },
  });
  for (const batch of rest) {
    await client.rest.checks.update({ owner: ctx.owner, repo: ctx.repo, check_run_id: data.id, output: { title, summary: output.summary, annotations: batch } });
  }
  return { id: data.id, url: data.html_url ?? null, requests: 1 + rest.length };
}
