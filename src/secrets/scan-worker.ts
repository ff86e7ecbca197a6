/**
 * Worker thread of the secret scan: reads its batch of files and scans their raw bytes (UTF-8
 * text is scanned undecoded, see scan-bytes.ts; UTF-16 is decoded first; binary is skipped, as the
 * repository context does). Replies with matches only. Reads are synchronous: blocking this
 * thread costs nothing, and it saves the promise round trips that dominate on trees of many small
 * files.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { decode, encodingOf } from '../context/decode.js';
import type { ScannerConfig } from './compiled-rule.js';
import { SecretScanner, type SecretMatch } from './scanner.js';
import { scanBytes } from './scan-bytes.js';
import type { FileMatches, WorkerReply, WorkerRequest } from './scan-files.js';

const scanner = new SecretScanner(workerData as ScannerConfig);

parentPort!.on('message', (request: WorkerRequest) => parentPort!.postMessage(handle(request)));

function handle({ files }: WorkerRequest): WorkerReply {
  const reply: WorkerReply = { results: [], skipped: [] };
  for (const f of files) {
    let matches: SecretMatch[];
    try {
      const bytes = read(typeof f.abs === 'string' ? f.abs : Buffer.from(f.abs), f.size);
      if (encodingOf(bytes) === 'utf-8') {
        matches = scanBytes(scanner, bytes, f.path);
      } else {
        const decoded = decode(bytes);
        if ('skip' in decoded) {
          reply.skipped.push({ path: f.path, reason: decoded.skip });
          continue;
        }
        matches = scanner.scan(decoded.text, f.path);
      }
    } catch (err) {
      reply.skipped.push({ path: f.path, reason: `unreadable (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
      continue;
    }
    if (matches.length > 0) reply.results.push({ path: f.path, matches } satisfies FileMatches);
  }
  return reply;
}

/** One buffer for every file this thread reads: no allocation (and no garbage) per file. */
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
    for (let got = -1; got !== 0 && n < shared.length; n += got) got = readSync(fd, shared, n, shared.length - n, n);
    return n <= size ? shared.subarray(0, n) : readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
