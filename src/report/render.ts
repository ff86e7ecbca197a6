/** One entry point from a report to the chosen format's text; every format redacts on its own. */
import type { HistoryRecord } from '../history/history-record.js';
import type { Report } from './report-model.js';
import type { ReportFormat } from './formats.js';

export { REPORT_FORMATS, NEEDS_DOCS, type ReportFormat } from './formats.js';

export interface RenderOptions {
  color: boolean;
  verbose?: boolean;
  history?: readonly HistoryRecord[];
}

// Only the chosen format's renderer is loaded: the HTML page and the terminal colours cost start-up.
export async function renderReport(report: Report, format: ReportFormat, options: RenderOptions): Promise<string> {
  switch (format) {
    case 'json':
      return (await import('./json-reporter.js')).formatJson(report);
    case 'sarif':
      return (await import('./sarif.js')).formatSarif(report);
    case 'junit':
      return (await import('./junit.js')).formatJunit(report);
    case 'markdown':
      return (await import('./markdown.js')).formatMarkdown(report);
    case 'html':
      return (await import('./html/page.js')).formatHtml(report, { history: options.history });
    case 'terminal':
      return (await import('./terminal-reporter.js')).formatTerminal(report, { color: options.color, verbose: options.verbose });
  }
}
