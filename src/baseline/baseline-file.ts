/**
 * `.mina/baseline.json`: the fingerprints of findings accepted as they are, so the gate can hold
 * new code to the bar without first fixing every old finding. The file sits in a hostile tree:
 * it is size-capped, parsed defensively, and never followed through a symlink.
 */
import { readFile, lstat } from 'node:fs/promises';
import path from 'node:path';
import { atomicWrite } from '../io/atomic-write.js';
import { MINA_DIR, minaDir } from '../history/mina-dir.js';

export const BASELINE_FILE = `${MINA_DIR}/baseline.json`;
const MAX_BYTES = 32 * 1024 * 1024;

export interface BaselineEntry {
  check: string;
  file: string | null;
  finding: string;
}

export interface Baseline {
  version: 1;
  createdAt: string;
  findings: Record<string, BaselineEntry>;
}

export type ReadBaseline = { baseline: Baseline } | { baseline: null; warning?: string };

export async function readBaseline(root: string): Promise<ReadBaseline> {
  const file = path.join(root, BASELINE_FILE);
  try {
    const st = await lstat(file);
    if (!st.isFile()) return { baseline: null, warning: `${BASELINE_FILE} is not a plain file; ignored` };
    if (st.size > MAX_BYTES) return { baseline: null, warning: `${BASELINE_FILE} is larger than ${MAX_BYTES} bytes; ignored` };
    const value = JSON.parse(await readFile(file, 'utf8')) as Partial<Baseline>;
    if (value?.version !== 1 || typeof value.findings !== 'object' || value.findings === null || Array.isArray(value.findings)) {
      return { baseline: null, warning: `${BASELINE_FILE} is not a mina baseline (version 1); ignored` };
    }
    return { baseline: value as Baseline };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { baseline: null };
    return { baseline: null, warning: `${BASELINE_FILE} could not be read (${(err as Error).message}); ignored` };
  }
}

export async function writeBaseline(root: string, findings: Record<string, BaselineEntry>): Promise<string> {
  const dir = await minaDir(root, true);
  const file = path.join(dir!, 'baseline.json');
  // sorted keys: the file diffs cleanly when it is committed and regenerated
  const sorted = Object.fromEntries(Object.entries(findings).sort(([a], [b]) => (a < b ? -1 : 1)));
  const body: Baseline = { version: 1, createdAt: new Date().toISOString(), findings: sorted };
  await atomicWrite(file, JSON.stringify(body, null, 2) + '\n');
  return file;
}
