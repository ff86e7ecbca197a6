/**
 * One mina comment per pull request and check name, updated on every run instead of piling up: the
 * comment is found again by a hidden marker. If the marked comment cannot be edited (another
 * account wrote it), a new one is written.
 */
import type { GitHubClient } from '../api-client.js';
import { statusOf } from '../api-errors.js';
import type { ActionsContext } from './actions-context.js';

export interface CommentResult {
  action: 'created' | 'updated';
  id: number;
  url: string;
}

export function commentMarker(checkName: string): string {
  // The name is the user's; keep it from closing the HTML comment.
  return `<!-- mina-readiness-comment: ${checkName.replace(/--/g, '- -').replace(/>/g, '')} -->`;
}

export async function upsertPrComment(client: GitHubClient, ctx: ActionsContext, checkName: string, markdown: string): Promise<CommentResult | null> {
  if (!ctx.pr) return null;
  const marker = commentMarker(checkName);
  const body = `${marker}\n${markdown}`;
  const where = { owner: ctx.owner, repo: ctx.repo };
  const comments = await client.paginate(client.rest.issues.listComments, { ...where, issue_number: ctx.pr.number, per_page: 100 });
  const mine = comments.filter((c) => typeof c.body === 'string' && c.body.startsWith(marker)).sort((a, b) => b.id - a.id)[0];
  if (mine) {
    try {
      const { data } = await client.rest.issues.updateComment({ ...where, comment_id: mine.id, body });
      return { action: 'updated', id: data.id, url: data.html_url };
    } catch (err) {
      if (statusOf(err) !== 403 && statusOf(err) !== 404) throw err;
    }
  }
  const { data } = await client.rest.issues.createComment({ ...where, issue_number: ctx.pr.number, body });
  return { action: 'created', id: data.id, url: data.html_url };
}
