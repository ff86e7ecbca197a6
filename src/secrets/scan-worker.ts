/**
 * Worker thread of the secret scan: scans the batches it is sent (scan-batch.ts) and replies with
 * their matches. A worker started before the walk (`startScanWorkers`) first scans a small
 * built-in sample, so V8 has optimised the scanner by the time the real files arrive; it would
 * otherwise sit idle until then.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SecretScanner } from './scanner.js';
import { scanBatch, type FileToScan } from './scan-batch.js';
import { scanBytes } from './scan-bytes.js';
import type { WorkerData } from './scan-files.js';

/** Lines like those of real code, with keywords and no credential (placeholders, env reads). */
const SAMPLE = [
  'def handler(request, user_id):',
  '    token = request.headers.get("Authorization", "").removeprefix("Bearer ")',
  '    password = form.cleaned_data["password"]',
  'SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]',
  '  const res = await fetch(`/api/users/${id}`, { headers: { Authorization: `Bearer ${token}` } });',
  'DATABASE_URL=postgres://user:${DB_PASSWORD}@db:5432/app',
  'api_key: "<your-api-key>"',
  '  url: https://example.com/docs/auth',
  '\ttoken := r.Header.Get("Authorization")',
  'export const secret = process.env.APP_SECRET;',
  '',
].join('\n');

const { config, warmUp } = workerData as WorkerData;
const scanner = new SecretScanner(config);
if (warmUp) warm(scanner);

parentPort!.on('message', (files: FileToScan[]) => parentPort!.postMessage(scanBatch(scanner, files)));

function warm(s: SecretScanner): void {
  const bytes = Buffer.from(SAMPLE.repeat(200));
  for (const path of ['app/views.py', 'web/src/api.ts', 'deploy/.env', 'config/app.yaml']) scanBytes(s, bytes, path);
}
