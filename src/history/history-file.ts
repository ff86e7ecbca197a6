/**
 * `.mina/history.jsonl`: one record per `mina check`, appended. Each record is written with one
 * O_APPEND write, so concurrent runs never interleave inside a line and a crash can at worst leave
 * a torn last line — which the next append steps over (it starts on a fresh line) and the reader
 * skips with a warning, like any other corrupt line. The file is compacted when it grows large.
 */
import path from 'node:path';
import { atomicWrite } from '../io/atomic-write.js';
import { minaDir, openNoFollow, MINA_DIR } from './mina-dir.js';
import { parseRecord, type HistoryRecord } from './history-record.js';

export const HISTORY_FILE = `${MINA_DIR}/history.jsonl`;
/** Past this size the file is rewritten with the newest records only. */
const COMPACT_AT_BYTES = 2 * 1024 * 1024;
const KEEP_RECORDS = 1000;
/** Only the end of an oversized (or hostile) file is read. */
const READ_TAIL_BYTES = 8 * 1024 * 1024;
const MAX_LINE_WARNINGS = 5;

export interface HistoryRead {
  records: HistoryRecord[];
  warnings: string[];
}

export async function appendHistory(root: string, record: HistoryRecord): Promise<void> {
  const dir = await minaDir(root, true);
  const file = path.join(dir!, path.basename(HISTORY_FILE));
  const line = JSON.stringify(record) + '\n';
  const handle = await openNoFollow(file, 'append');
  let size: number;
  try {
    size = (await handle.stat()).size;
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    await handle.write(prefix + line);
  } finally {
    await handle.close();
  }
  if (size + line.length > COMPACT_AT_BYTES) {
    const { records } = await readHistory(root);
    await atomicWrite(file, records.slice(-KEEP_RECORDS).map((r) => JSON.stringify(r) + '\n').join(''));
  }
}

export async function readHistory(root: string): Promise<HistoryRead> {
  const dir = await minaDir(root, false).catch(() => null);
  if (!dir) return { records: [], warnings: [] };
  const file = path.join(dir, path.basename(HISTORY_FILE));
  let text: string;
  let skipFirst = false;
  try {
    const handle = await openNoFollow(file, 'read');
    try {
      const { size } = await handle.stat();
      const start = Math.max(0, size - READ_TAIL_BYTES);
      const buf = Buffer.alloc(size - start);
      await handle.read(buf, 0, buf.length, start);
      text = buf.toString('utf8');
      skipFirst = start > 0;
    } finally {
      await handle.close();
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { records: [], warnings: [] };
    return { records: [], warnings: [`${HISTORY_FILE} unreadable (${code ?? String(err)}); history ignored`] };
  }
  return parseHistory(text, skipFirst);
}

/** Parses JSONL, skipping (with a warning) every line that is not a valid record. */
export function parseHistory(text: string, skipFirstLine = false): HistoryRead {
  const records: HistoryRecord[] = [];
  const bad: number[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    if ((skipFirstLine && i === 0) || raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      value = undefined;
    }
    const record = parseRecord(value);
    if (record) records.push(record);
    else bad.push(i + 1);
  });
  const where = skipFirstLine ? 'of the tail read ' : '';
  const warnings = bad.slice(0, MAX_LINE_WARNINGS).map((n) => `${HISTORY_FILE}: line ${n} ${where}is not a valid history record; skipped`);
  if (bad.length > MAX_LINE_WARNINGS) warnings.push(`${HISTORY_FILE}: ${bad.length - MAX_LINE_WARNINGS} more corrupt lines skipped`);
  records.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  return { records, warnings };
}
