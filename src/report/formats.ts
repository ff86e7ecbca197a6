/** The report formats, apart from their renderers so the command line can list them without loading any. */
export const REPORT_FORMATS = ['terminal', 'json', 'sarif', 'junit', 'markdown', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Formats that quote the checks' READMEs (so the caller loads them first). */
export const NEEDS_DOCS: ReadonlySet<ReportFormat> = new Set(['sarif', 'html']);
