/**
 * Reading OSV records out of files: one record per JSON or YAML file (or a JSON array of them), and
 * zip archives of such files, read as a stream so a large archive never sits whole in memory.
 * Every file is untrusted: oversized entries are skipped and a malformed one is counted, not fatal.
 */
import { createReadStream } from 'node:fs';
import { Unzip, UnzipInflate } from 'fflate';
import { parse as parseYaml } from 'yaml';
import { toOsvRecord, type OsvRecord } from './osv.js';

/** No real OSV record comes near this; anything larger is skipped unread. */
export const MAX_RECORD_BYTES = 8 * 1024 * 1024;

export const RECORD_FILE = /\.(json|ya?ml)$/i;

export interface ParsedRecords {
  records: OsvRecord[];
  /** The raw JSON-compatible values, for callers that store records as they came. */
  raw: unknown[];
  malformed: boolean;
}

export function parseRecordText(name: string, text: string): ParsedRecords {
  let value: unknown;
  try {
    // YAML's failsafe schema keeps every scalar a string, so `0.10` stays "0.10" and never 0.1
    value = /\.json$/i.test(name) ? JSON.parse(text) : parseYaml(text, { schema: 'failsafe', maxAliasCount: 50, uniqueKeys: false });
  } catch {
    return { records: [], raw: [], malformed: true };
  }
  const values = Array.isArray(value) ? value : [value];
  const records: OsvRecord[] = [];
  const raw: unknown[] = [];
  for (const v of values) {
    const record = toOsvRecord(v);
    if (record) {
      records.push(record);
      raw.push(v);
    }
  }
  return { records, raw, malformed: records.length === 0 };
}

export interface ZipEntryHandler {
  (name: string, bytes: Uint8Array): void;
}

/**
 * Feeds chunks of a zip archive through fflate's streaming unzipper and calls `onEntry` with each
 * complete record file. Resolves when the archive ends; rejects on a corrupt archive.
 */
export async function readZipStream(chunks: AsyncIterable<Uint8Array>, onEntry: ZipEntryHandler): Promise<{ skipped: number }> {
  let skipped = 0;
  let failure: Error | null = null;
  const unzip = new Unzip((file) => {
    if (!RECORD_FILE.test(file.name) || (file.originalSize ?? 0) > MAX_RECORD_BYTES) {
      if (!file.name.endsWith('/')) skipped++;
      return;
    }
    const parts: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, data, final) => {
      if (err) {
        failure ??= err;
        return;
      }
      size += data.length;
      if (size > MAX_RECORD_BYTES) {
        file.terminate();
        skipped++;
        return;
      }
      parts.push(data);
      if (final) onEntry(file.name, concat(parts, size));
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  let last: Uint8Array | null = null;
  for await (const chunk of chunks) {
    if (last) unzip.push(last);
    last = chunk;
    if (failure) throw failure;
  }
  unzip.push(last ?? new Uint8Array(0), true);
  if (failure) throw failure;
  return { skipped };
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function zipFileChunks(path: string): AsyncIterable<Uint8Array> {
  return createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Uint8Array>;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

export function decodeUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
