/**
 * Worker thread of the secret scan: reads its batch of files, decodes them as the repository
 * context does (binary and bad UTF-16 skipped) and scans them. Replies with matches only.
 */
import { readFile } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { decode } from '../context/decode.js';
import type { ScannerConfig } from './compiled-rule.js';
import { SecretScanner } from './scanner.js';
import type { FileMatches, WorkerReply, WorkerRequest } from './scan-files.js';

const scanner = new SecretScanner(workerData as ScannerConfig);

parentPort!.on('message', (request: WorkerRequest) => {
  void handle(request).then((reply) => parentPort!.postMessage(reply));
});

async function handle({ files }: WorkerRequest): Promise<WorkerReply> {
  const reply: WorkerReply = { results: [], skipped: [] };
  const texts = await Promise.all(
    files.map(async (f) => {
      try {
        const abs = typeof f.abs === 'string' ? f.abs : Buffer.from(f.abs);
        const decoded = decode(await readFile(abs));
        if ('skip' in decoded) reply.skipped.push({ path: f.path, reason: decoded.skip });
        return 'text' in decoded ? decoded.text : null;
      } catch (err) {
        reply.skipped.push({ path: f.path, reason: `unreadable (${(err as NodeJS.ErrnoException).code ?? 'error'})` });
        return null;
      }
    }),
  );
  files.forEach((f, i) => {
    const text = texts[i];
    if (text === null) return;
    const matches = scanner.scan(text, f.path);
    if (matches.length > 0) reply.results.push({ path: f.path, matches } satisfies FileMatches);
  });
  return reply;
}
