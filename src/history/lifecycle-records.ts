/**
 * Results of `mina service load` and `mina service drill` (`.mina/loads/<time>.json`,
 * `.mina/drills/<time>.json`, written by src/service-lifecycle), read for the roadmap's KPIs. Only
 * the fields used are checked; a file without them is skipped. The target is hostile: files are
 * opened without following symlinks and size-capped.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { minaDir, openNoFollow } from './mina-dir.js';

export interface DrillResult {
  file: string;
  startedAt: string;
  mode: string;
  rowsCommitted: number;
  rowsRestored: number;
  rowsLost: number;
  rtoMs: number;
  verified: boolean;
}

export interface LoadResult {
  file: string;
  startedAt: string;
  p95Ms: number;
  errorRate: number;
  requests: number;
}

const MAX_FILES = 50;
const MAX_BYTES = 1024 * 1024;

export const latestDrill = (root: string) => latest(root, 'drills', parseDrill);
export const latestLoad = (root: string) => latest(root, 'loads', parseLoad);

async function latest<T extends { startedAt: string }>(root: string, folder: string, parse: (v: unknown, file: string) => T | null): Promise<T | null> {
  const base = await minaDir(root, false).catch(() => null);
  if (!base) return null;
  const dir = path.join(base, folder);
  const names = await readdir(dir).catch(() => [] as string[]);
  // Names start with the run's time, so the newest sort last; read only the most recent few.
  const found: T[] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort().slice(-MAX_FILES)) {
    const r = parse(await readSmall(path.join(dir, name)), `.mina/${folder}/${name}`);
    if (r) found.push(r);
  }
  found.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  return found.at(-1) ?? null;
}

async function readSmall(file: string): Promise<unknown> {
  try {
    const handle = await openNoFollow(file, 'read');
    try {
      if ((await handle.stat()).size > MAX_BYTES) return null;
      return JSON.parse((await handle.readFile()).toString('utf8'));
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

function fields(value: unknown): Record<string, unknown> | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  return typeof v.startedAt === 'string' && !Number.isNaN(Date.parse(v.startedAt)) ? v : null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export function parseDrill(value: unknown, file: string): DrillResult | null {
  const v = fields(value);
  if (!v || (v.kind !== undefined && v.kind !== 'drill') || typeof v.verified !== 'boolean') return null;
  const [rowsCommitted, rowsRestored, rowsLost, rtoMs] = [v.rowsCommitted, v.rowsRestored, v.rowsLost, v.rtoMs].map(num);
  if (rowsCommitted === null || rowsRestored === null || rowsLost === null || rtoMs === null) return null;
  return { file, startedAt: v.startedAt as string, mode: typeof v.mode === 'string' ? v.mode : 'unknown', rowsCommitted, rowsRestored, rowsLost, rtoMs, verified: v.verified };
}

export function parseLoad(value: unknown, file: string): LoadResult | null {
  const v = fields(value);
  if (!v || (v.kind !== undefined && v.kind !== 'load')) return null;
  const p95Ms = num((v.latencyMs as Record<string, unknown> | undefined)?.p95);
  const errorRate = num(v.errorRate);
  const requests = num((v.requests as Record<string, unknown> | undefined)?.total);
  if (p95Ms === null || errorRate === null || requests === null) return null;
  return { file, startedAt: v.startedAt as string, p95Ms, errorRate, requests };
}
