/** One entry point from a report to the chosen format's text; every format redacts on its own. */
import type { HistoryRecord } from '../history/history-record.js';
import type { Report } from './report-model.js';
import { formatHtml } from './html/page.js';
import { formatJson } from './json-reporter.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatTerminal } from './terminal-reporter.js';

export const REPORT_FORMATS = ['terminal', 'json', 'sarif', 'junit', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Formats that quote the checks' READMEs (so the caller loads them first). */
export const NEEDS_DOCS: ReadonlySet<ReportFormat> = new Set(['sarif', 'html']);

export interface RenderOptions {
  color: boolean;
  verbose?: boolean;
  history?: readonly HistoryRecord[];
}

export function renderReport(report: Report, format: ReportFormat, options: RenderOptions): string {
  switch (format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report);
    case 'junit':
      return formatJunit(report);
    case 'markdown':
      return formatMarkdown(report);
    case 'html':
      return formatHtml(report, { history: options.history });
    case 'terminal':
      return formatTerminal(report, { color: options.color, verbose: options.verbose });
  }
}
