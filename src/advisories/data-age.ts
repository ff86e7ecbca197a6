/** How a report states where advisory data came from and how old it is. */
import type { SourceInfo } from './advisory-source.js';

const DAY = 24 * 60 * 60 * 1000;

/** Age in days of what the data knows: its download time, else its newest record. */
export function dataAgeDays(info: SourceInfo, now = Date.now()): number | null {
  const basis = info.kind === 'online' ? now : (info.fetchedAt ?? info.newestModified);
  return basis === null ? null : Math.max(0, Math.floor((now - basis) / DAY));
}

export function describeSource(info: SourceInfo, now = Date.now()): string {
  const day = (t: number) => new Date(t).toISOString().slice(0, 10);
  if (info.kind === 'online') return `advisory data: OSV API ${info.location}, queried live (${day(now)})`;
  const what = info.kind === 'cache' ? 'mina db update cache' : info.kind === 'zip' ? 'zip' : 'directory';
  const ecos = info.ecosystems.join(', ') || 'no npm or PyPI';
  const parts = [`advisory data: ${what} ${info.location} (${info.records ?? 0} records; ${ecos})`];
  if (info.fetchedAt !== null) parts.push(`downloaded ${day(info.fetchedAt)}`);
  if (info.newestModified !== null) parts.push(`newest advisory modified ${day(info.newestModified)}`);
  const age = dataAgeDays(info, now);
  parts.push(age === null ? 'age unknown (no dates in the records)' : `${age} day${age === 1 ? '' : 's'} old`);
  if (info.malformed > 0) parts.push(`${info.malformed} unreadable record file${info.malformed === 1 ? '' : 's'} skipped`);
  return parts.join(', ');
}
