/**
 * Results of `mina service drill` (`.mina/drills/<time>.json`), read for the roadmap's recovery
 * KPIs. Only the documented fields are used; a file that lacks them is not a drill result.
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

const MAX_FILES = 50;
const MAX_BYTES = 1024 * 1024;

export async function latestDrill(root: string): Promise<DrillResult | null> {
  const base = await minaDir(root, false).catch(() => null);
  if (!base) return null;
  const dir = path.join(base, 'drills');
  const names = await readdir(dir).catch(() => [] as string[]);
  // Names start with the drill's time, so the newest sort last; read only the most recent few.
  const candidates = names.filter((n) => n.endsWith('.json')).sort().slice(-MAX_FILES);
  const drills: DrillResult[] = [];
  for (const name of candidates) {
    const d = parseDrill(await readSmall(path.join(dir, name)), `.mina/drills/${name}`);
    if (d) drills.push(d);
  }
  drills.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  return drills.at(-1) ?? null;
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

export function parseDrill(value: unknown, file: string): DrillResult | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const num = (k: string) => (typeof v[k] === 'number' && Number.isFinite(v[k]) ? (v[k] as number) : null);
  const [rowsCommitted, rowsRestored, rowsLost, rtoMs] = ['rowsCommitted', 'rowsRestored', 'rowsLost', 'rtoMs'].map(num);
  if (typeof v.startedAt !== 'string' || Number.isNaN(Date.parse(v.startedAt)) || typeof v.verified !== 'boolean') return null;
  if (rowsCommitted === null || rowsRestored === null || rowsLost === null || rtoMs === null) return null;
  return { file, startedAt: v.startedAt, mode: typeof v.mode === 'string' ? v.mode : 'unknown', rowsCommitted, rowsRestored, rowsLost, rtoMs, verified: v.verified };
}
