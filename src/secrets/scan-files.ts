/**
 * Scans a set of files: in this thread for small trees; for large ones spread over this thread and
 * worker threads, each reading and scanning its batches (so the bytes are read once and never
 * copied between threads). This thread scans too: it starts at once, while the workers are still
 * starting (~50 ms each). Workers need the compiled `dist/` build; from TypeScript sources (tests)
 * the scan stays in this thread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Worker } from 'node:worker_threads';
import type { ScannerConfig } from './compiled-rule.js';
import { SecretScanner } from './scanner.js';
import { scanBatch, type BatchResult, type FileMatches, type FileToScan } from './scan-batch.js';

export type { FileMatches, FileToScan } from './scan-batch.js';

export interface ScanFilesOptions {
  /** Worker threads beside this one: 0 never, undefined decides by cores. */
  workers?: number;
  /** The files can be read directly at their `abs` paths (not through a virtual file system). */
  direct: boolean;
  /** Text of a file in this thread (the repository context, with its cache and skip list). */
  read(file: FileToScan): Promise<string | null>;
  /** A file the byte scan read by itself and could not use (binary, unreadable), with why. */
  skipped?(path: string, reason: string): void;
  signal?: AbortSignal;
}

/** From this much text on, files are read and scanned as raw bytes (and spread over workers). */
const BYTES_MIN = 32 * 1024 * 1024;
const BATCH_BYTES = 1024 * 1024;
const READ_AHEAD = 16;
/** Batches queued at each worker, so it never waits while this thread is busy scanning. */
const IN_FLIGHT = 2;
const WORKER_URL = new URL('./scan-worker.js', import.meta.url);
const require = createRequire(import.meta.url);

/** A scan worker; `node:worker_threads` loads only when one is started (most runs on two cores start none). */
function newWorker(data: WorkerData): Worker {
  const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
  return new Worker(WORKER_URL, { workerData: data });
}

/** Worker threads started before the tree was walked (`startScanWorkers`), for this config. */
let warm: { config: ScannerConfig; workers: Worker[] } | null = null;

/**
 * One core is left to V8's background compiler as well as this thread: a cold scan spends about as
 * much CPU optimising the scanner as scanning, and its threads each optimise their own copy.
 * On 2 vCPUs a worker beside this thread makes the whole run slower (`npm run bench`, the rubric
 * `workers: 0` and `workers: 1` rows: 417 ms and 451 ms on the 56 MB bench tree).
 */
export function defaultWorkers(): number {
  return Math.max(0, Math.min(3, availableParallelism() - 2));
}

/**
 * Starts the worker threads a large scan would use, before the tree is known: they boot and warm
 * up while the main thread walks the tree. `scanFiles` with the same config takes them, or stops
 * them when the tree turns out small. Unreferenced until taken, so they never keep a run alive.
 */
export function startScanWorkers(config: ScannerConfig): void {
  if (warm !== null || defaultWorkers() < 1 || !existsSync(fileURLToPath(WORKER_URL))) return;
  const workers = Array.from({ length: defaultWorkers() }, () => newWorker({ config, warmUp: true }));
  const started = { config, workers };
  for (const w of workers) {
    w.unref();
    // a worker that fails while waiting is dropped; the scan starts another
    w.once('error', () => (started.workers = started.workers.filter((o) => o !== w)));
  }
  warm = started;
}

function stopWarm(): void {
  // still unreferenced: the run need not wait for them to stop
  for (const w of warm?.workers ?? []) void w.terminate();
  warm = null;
}

function takeWarm(config: ScannerConfig): Worker[] {
  if (warm?.config !== config) stopWarm();
  const taken = warm?.workers ?? [];
  warm = null;
  for (const w of taken) {
    w.removeAllListeners('error');
    w.ref();
  }
  return taken;
}

export interface WorkerData {
  config: ScannerConfig;
  /** Scan a built-in sample first, so the scanner's code is optimised before the real files come. */
  warmUp: boolean;
}

export async function scanFiles(files: readonly FileToScan[], config: ScannerConfig, options: ScanFilesOptions): Promise<FileMatches[]> {
  const total = files.reduce((n, f) => n + f.size, 0);
  // asked-for workers mean the byte scan whatever the size (the evaluation compares it so)
  if (options.direct && (total >= BYTES_MIN || (options.workers ?? 0) > 0)) {
    const workers = existsSync(fileURLToPath(WORKER_URL)) ? (options.workers ?? defaultWorkers()) : 0;
    return scanInParallel(files, config, workers, takeWarm(config), options);
  }
  stopWarm();
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
  return byPath(out);
}

async function scanInParallel(files: readonly FileToScan[], config: ScannerConfig, workerCount: number, ready: Worker[], options: ScanFilesOptions): Promise<FileMatches[]> {
  const signal = options.signal;
  const batches = batch(files, workerCount > 0);
  const results: FileMatches[] = [];
  let next = 0;
  const take = () => (next < batches.length ? batches[next++] : null);
  const collect = (reply: BatchResult) => {
    results.push(...reply.results);
    for (const s of reply.skipped) options.skipped?.(s.path, s.reason);
  };

  const workerLane = (started: Worker | undefined) =>
    new Promise<void>((resolve, reject) => {
      const worker = started ?? newWorker({ config, warmUp: false });
      let pending = 0;
      const stop = (err?: unknown) => {
        signal?.removeEventListener('abort', abort);
        void worker.terminate().then(() => (err === undefined ? resolve() : reject(err)));
      };
      const abort = () => stop(signal?.reason ?? new Error('aborted'));
      signal?.addEventListener('abort', abort, { once: true });
      const feed = () => {
        for (let b: FileToScan[] | null; pending < IN_FLIGHT && (b = take()) !== null; pending++) worker.postMessage(b);
        if (pending === 0) stop();
      };
      worker.on('message', (reply: BatchResult) => {
        pending--;
        collect(reply);
        feed();
      });
      worker.on('error', (err) => stop(err));
      feed();
    });

  const mainLane = async () => {
    const scanner = new SecretScanner(config);
    for (let b = take(); b !== null; b = take()) {
      signal?.throwIfAborted();
      collect(scanBatch(scanner, b));
      // let the workers' replies in, so they are fed while this thread scans
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };

  // workers first: each is sent its first batches before this thread starts on its own
  const count = Math.min(workerCount, Math.max(0, batches.length - 1));
  for (const spare of ready.splice(count)) void spare.terminate();
  const lanes = Array.from({ length: count }, (_, i) => workerLane(ready[i]));
  lanes.push(mainLane());
  await Promise.all(lanes);
  return byPath(results);
}

function byPath(out: FileMatches[]): FileMatches[] {
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Batches of about a megabyte. Over several lanes, largest files first so no lane is left with a
 * big tail; in one lane, in walk order (a cold scanner is slowest on large files).
 */
function batch(files: readonly FileToScan[], bySize: boolean): FileToScan[][] {
  const sorted = bySize ? [...files].sort((a, b) => b.size - a.size) : files;
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
