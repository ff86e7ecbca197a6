/**
 * `.mina/last-report.json`: the full (redacted) JSON report of the latest `mina check`, so that
 * `mina report` can write the roadmap without running every check again when nothing has changed.
 */
import path from 'node:path';
import { atomicWrite } from '../io/atomic-write.js';
import { schemaValidator } from '../config/schemas.js';
import { formatJson } from '../report/json-reporter.js';
import type { Report } from '../report/report-model.js';
import { minaDir, openNoFollow, MINA_DIR } from './mina-dir.js';

export const LAST_REPORT_FILE = `${MINA_DIR}/last-report.json`;
const MAX_BYTES = 64 * 1024 * 1024;

export async function saveLastReport(root: string, report: Report): Promise<void> {
  const dir = await minaDir(root, true);
  await atomicWrite(path.join(dir!, path.basename(LAST_REPORT_FILE)), formatJson(report));
}

/** The saved report, or null (missing, oversized, not JSON, not a valid report). */
export async function loadLastReport(root: string): Promise<Report | null> {
  const dir = await minaDir(root, false).catch(() => null);
  if (!dir) return null;
  try {
    const handle = await openNoFollow(path.join(dir, path.basename(LAST_REPORT_FILE)), 'read');
    try {
      const { size } = await handle.stat();
      if (size > MAX_BYTES) return null;
      const value: unknown = JSON.parse((await handle.readFile()).toString('utf8'));
      return schemaValidator('report')(value) ? (value as Report) : null;
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}
