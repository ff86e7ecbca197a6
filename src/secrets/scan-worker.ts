/**
 * Worker thread of the secret scan: reads its batch of files, decodes them as the repository
 * context does (binary and bad UTF-16 skipped) and scans them. Replies with matches only. Reads
 * are synchronous: blocking this thread costs nothing, and it saves the promise round trips that
 * dominate on trees of many small files.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { decode } from '../context/decode.js';
import type { ScannerConfig } from './compiled-rule.js';
import { SecretScanner } from './scanner.js';
import type { FileMatches, WorkerReply, WorkerRequest } from './scan-files.js';

const scanner = new SecretScanner(workerData as ScannerConfig);

parentPort!.on('message', (request: WorkerRequest) => parentPort!.postMessage(handle(request)));

function handle({ files }: WorkerRequest): WorkerReply {
  const reply: WorkerReply = { results: [], skipped: [] };
  for (const f of files) {
    let text: string;
    try {
      const decoded = decode(readFileSync(typeof f.abs === 'string' ? f.abs : Buffer.from(f.abs)));
      if ('skip' in decoded) {
        reply.skipped.push({ path: f.path, reason: decoded.skip });
        continue;
      }
      text = decoded.text;
    } catch (err) {
      reply.skipped.push({ path: f.path, reason: `unreadable (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
      continue;
    }
    const matches = scanner.scan(text, f.path);
    if (matches.length > 0) reply.results.push({ path: f.path, matches } satisfies FileMatches);
  }
  return reply;
}
