/**
 * After a run: append its record to the history and keep the full report for `mina report`.
 * Recording is a convenience, never a reason to fail a run: a read-only target, a full disk or a
 * planted symlink become one warning.
 */
import type { Report } from '../report/report-model.js';
import { appendHistory, HISTORY_FILE } from './history-file.js';
import { historyOffReason } from './history-policy.js';
import { recordFromReport } from './history-record.js';
import { saveLastReport } from './last-report.js';

export async function recordRun(report: Report, flag: boolean | undefined): Promise<string[]> {
  if (historyOffReason(report.target.path, flag) !== null) return [];
  try {
    await appendHistory(report.target.path, recordFromReport(report));
    await saveLastReport(report.target.path, report);
    return [];
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return [`history not recorded in ${HISTORY_FILE}: ${e.code ? `${e.code} ` : ''}${e.message ?? String(err)}`];
  }
}
