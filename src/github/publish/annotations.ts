/**
 * Findings as check-run annotations. GitHub takes at most 50 annotations per request and needs a
 * path in the repository for each, so findings about the repository as a whole stay in the summary.
 * The most severe go first, so a cap drops the least important.
 */
import path from 'node:path';
import { severityRank, type Severity } from '../../engine/check-api.js';
import type { Report } from '../../report/report-model.js';
import { redactReport } from '../../report/redact.js';
import { truncate } from '../../report/escape.js';

export const ANNOTATIONS_PER_REQUEST = 50;
/** Beyond this many, annotations stop being read; the summary and SARIF carry the rest. */
export const MAX_ANNOTATIONS = 1000;

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
}

const LEVEL: Record<Severity, Annotation['annotation_level']> = { critical: 'failure', high: 'failure', medium: 'warning', low: 'notice' };

/** `prefix`: the checked folder relative to the repository root ('' when it is the root). */
export function toAnnotations(report: Report, prefix: string): { annotations: Annotation[]; dropped: number } {
  const all: (Annotation & { rank: number })[] = [];
  for (const check of redactReport(report).checks) {
    for (const f of check.findings) {
      if (!f.file || f.file === '.') continue;
      const line = f.line && f.line > 0 ? f.line : 1;
      all.push({
        path: prefix ? path.posix.join(prefix, f.file) : f.file,
        start_line: line,
        end_line: line,
        annotation_level: LEVEL[f.severity],
        title: truncate(`${check.id}: ${f.id}`, 255),
        message: truncate(f.hint ? `${f.message}\nFix: ${f.hint}` : f.message, 4000),
        rank: severityRank(f.severity),
      });
    }
  }
  all.sort((a, b) => a.rank - b.rank || a.path.localeCompare(b.path) || a.start_line - b.start_line);
  const kept = all.slice(0, MAX_ANNOTATIONS).map(({ rank: _rank, ...a }) => a);
  return { annotations: kept, dropped: all.length - kept.length };
}

export function batches<T>(items: T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
