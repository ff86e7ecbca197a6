/**
 * The change against the base branch's last result, as a few Markdown lines placed above the
 * regular Markdown report: score difference, level change, and the checks that got worse or better.
 */
import type { Status } from '../../engine/check-api.js';
import type { Report } from '../../report/report-model.js';
import { markdownCode as code } from '../../report/escape.js';
import { STATUS_ICON } from '../../report/markdown.js';
import type { BaseResult } from './base-result.js';

const RANK: Partial<Record<Status, number>> = { pass: 3, partial: 2, fail: 1, error: 0 };
const MAX_LISTED = 10;

export function scoreDelta(report: Report, base: BaseResult | null): number | null {
  return base ? Math.round((report.score - base.record.score) * 10) / 10 : null;
}

export function deltaMarkdown(report: Report, base: BaseResult | null): string {
  if (!base) return `_No earlier mina result found on the base branch to compare with._\n\n`;
  const d = scoreDelta(report, base)!;
  const change = d > 0 ? `▲ +${d.toFixed(1)}` : d < 0 ? `▼ −${Math.abs(d).toFixed(1)}` : '= no change';
  const lines = [`**Against ${code(base.ref)}** (${code(base.sha.slice(0, 7))}): ${base.record.score.toFixed(1)} → ${report.score.toFixed(1)} (${change})`];
  if (base.record.level !== report.level.id) lines.push(`**Level:** ${code(base.record.level)} → ${code(report.level.id)}`);
  const worse: string[] = [];
  const better: string[] = [];
  for (const c of report.checks) {
    const before = base.record.checks[c.id];
    const was = before === undefined ? undefined : RANK[before];
    const now = RANK[c.status];
    if (now === undefined) continue;
    const line = `${STATUS_ICON[c.status]} ${code(c.id)}: ${before ?? 'new'} → ${c.status}`;
    if (was === undefined ? now < 3 : now < was) worse.push(line);
    else if (was !== undefined && now > was) better.push(line);
  }
  const list = (title: string, items: string[]) => {
    if (!items.length) return;
    lines.push('', `**${title}:**`, ...items.slice(0, MAX_LISTED).map((i) => `- ${i}`));
    if (items.length > MAX_LISTED) lines.push(`- _… and ${items.length - MAX_LISTED} more_`);
  };
  list('Got worse', worse);
  list('Got better', better);
  return lines.join('\n') + '\n\n';
}
