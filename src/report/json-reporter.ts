import type { Report } from './report-model.js';
import { redactReport } from './redact.js';

/** The JSON contract (`schemas/report.schema.json`); README texts are not part of it. */
export function formatJson(report: Report): string {
  const { docs: _docs, ...contract } = redactReport(report);
  return JSON.stringify(contract, null, 2) + '\n';
}
