/**
 * One batch of the parallel secret scan, as the worker threads and the main thread both run it:
 * each file read (into one reused buffer) and scanned as raw bytes when it is UTF-8 (see
 * scan-bytes.ts); UTF-16 is decoded first; binary is skipped, as the repository context does.
 * Reads are synchronous: they are page-cache copies, and a promise per file costs more.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { decode, encodingOf } from '../context/decode.js';
import type { SecretMatch, SecretScanner } from './scanner.js';
import { scanBytes } from './scan-bytes.js';

export interface FileToScan {
  path: string;
  /** What fs opens (a Buffer for names that are not UTF-8). */
  abs: string | Uint8Array;
  size: number;
}

export interface FileMatches {
  path: string;
  matches: SecretMatch[];
}

export interface BatchResult {
  results: FileMatches[];
  /** Files that could not be read or decoded, with why. */
  skipped: Array<{ path: string; reason: string }>;
}

export function scanBatch(scanner: SecretScanner, files: readonly FileToScan[]): BatchResult {
  const out: BatchResult = { results: [], skipped: [] };
  for (const f of files) {
    let matches: SecretMatch[];
    try {
      const bytes = read(typeof f.abs === 'string' ? f.abs : Buffer.from(f.abs), f.size);
      if (encodingOf(bytes) === 'utf-8') {
        matches = scanBytes(scanner, bytes, f.path);
      } else {
        const decoded = decode(bytes);
        if ('skip' in decoded) {
          out.skipped.push({ path: f.path, reason: decoded.skip });
          continue;
        }
        matches = scanner.scan(decoded.text, f.path);
      }
    } catch (err) {
      out.skipped.push({ path: f.path, reason: `unreadable (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
      continue;
    }
    if (matches.length > 0) out.results.push({ path: f.path, matches });
  }
  return out;
}

/** One buffer for every file a thread reads: no allocation (and no garbage) per file. */
let shared = Buffer.allocUnsafe(1024 * 1024);

/**
 * The file's bytes, read into the shared buffer (valid until the next call). The walk's size is
 * only a hint: a file that grew since is read whole the ordinary way.
 */
function read(path: string | Buffer, size: number): Buffer {
  if (shared.length < size + 1) shared = Buffer.allocUnsafe(size + 1);
  const fd = openSync(path, 'r');
  try {
    let n = 0;
    for (let got = -1; got !== 0 && n < shared.length; n += got) {
      got = readSync(fd, shared, n, shared.length - n, n);
      // asked for more than the walk's size and got exactly that: the end, without a call to learn it
      if (n + got === size && got > 0) return shared.subarray(0, size);
    }
    return n <= size ? shared.subarray(0, n) : readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
