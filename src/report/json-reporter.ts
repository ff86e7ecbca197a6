import type { Report } from './report-model.js';

export function formatJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
