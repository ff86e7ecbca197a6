/**
 * Scans a set of files: in this thread for small trees, spread over worker threads for large ones
 * (each worker reads, decodes and scans its share, so the bytes are read once and never copied
 * between threads). Workers need the compiled `dist/` build; from TypeScript sources (tests) the
 * scan stays in this thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ScannerConfig } from './compiled-rule.js';
import { SecretScanner, type SecretMatch } from './scanner.js';

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

export interface ScanFilesOptions {
  /** Worker threads: 0 never, undefined decides by size. */
  workers?: number;
  /** Text of a file in this thread (the repository context, with its cache and skip list). */
  read(file: FileToScan): Promise<string | null>;
  signal?: AbortSignal;
}

/** Below this much text the cost of starting workers (~50 ms each) is not won back. */
const WORKER_MIN_BYTES = 32 * 1024 * 1024;
const BATCH_BYTES = 1024 * 1024;
const READ_AHEAD = 16;
const WORKER_URL = new URL('./scan-worker.js', import.meta.url);

export async function scanFiles(files: readonly FileToScan[], config: ScannerConfig, options: ScanFilesOptions): Promise<FileMatches[]> {
  const total = files.reduce((n, f) => n + f.size, 0);
  const cores = availableParallelism();
  const workers = options.workers ?? (total >= WORKER_MIN_BYTES && cores >= 2 ? Math.min(4, cores) : 0);
  if (workers > 0 && existsSync(fileURLToPath(WORKER_URL))) return scanInWorkers(files, config, workers, options.signal);
  const scanner = new SecretScanner(config);
  const out: FileMatches[] = [];
  // reads overlap (each is several round trips to the I/O pool); scanning stays sequential
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      options.signal?.throwIfAborted();
      const file = files[next++];
      const text = await options.read(file);
      if (text === null) continue;
      const matches = scanner.scan(text, file.path);
      if (matches.length > 0) out.push({ path: file.path, matches });
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_AHEAD, files.length) }, lane));
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export interface WorkerRequest {
  files: FileToScan[];
}

export interface WorkerReply {
  results: FileMatches[];
  /** Files the worker could not read or decode, with why. */
  skipped: Array<{ path: string; reason: string }>;
}

async function scanInWorkers(files: readonly FileToScan[], config: ScannerConfig, count: number, signal?: AbortSignal): Promise<FileMatches[]> {
  const batches = batch(files);
  const results: FileMatches[] = [];
  let next = 0;
  const run = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(WORKER_URL, { workerData: config });
      const abort = () => void worker.terminate().then(() => reject(signal?.reason ?? new Error('aborted')));
      signal?.addEventListener('abort', abort, { once: true });
      const feed = () => {
        if (next >= batches.length) {
          signal?.removeEventListener('abort', abort);
          void worker.terminate().then(() => resolve());
          return;
        }
        worker.postMessage({ files: batches[next++] } satisfies WorkerRequest);
      };
      worker.on('message', (reply: WorkerReply) => {
        results.push(...reply.results);
        feed();
      });
      worker.on('error', reject);
      feed();
    });
  await Promise.all(Array.from({ length: Math.min(count, batches.length) }, run));
  return results.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Batches of about a megabyte, largest files first so no worker is left with a big tail. */
function batch(files: readonly FileToScan[]): FileToScan[][] {
  const sorted = [...files].sort((a, b) => b.size - a.size);
  const out: FileToScan[][] = [];
  let current: FileToScan[] = [];
  let bytes = 0;
  for (const f of sorted) {
    current.push(f);
    bytes += f.size;
    if (bytes >= BATCH_BYTES) {
      out.push(current);
      current = [];
      bytes = 0;
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}
