/**
 * `mina db update`: download the OSV per-ecosystem archives (`<base>/<ecosystem>/all.zip`) and
 * turn each into the cache `mina check` reads, streaming — the archive is unzipped and indexed as
 * it arrives, and the previous cache stays in place until the new one is complete.
 */
import { mkdir } from 'node:fs/promises';
import type { Ecosystem } from './ecosystems.js';
import { CacheWriter, type CachedEcosystem } from './cache-db.js';
import { decodeUtf8, parseRecordText, readZipStream } from './record-files.js';

export const DEFAULT_ARCHIVE_BASE = 'https://osv-vulnerabilities.storage.googleapis.com';

export interface DownloadProgress {
  ecosystem: Ecosystem;
  received: number;
  /** From Content-Length; null when the server does not say. */
  total: number | null;
  records: number;
}

export interface UpdateOptions {
  dir: string;
  ecosystems: readonly Ecosystem[];
  baseUrl?: string;
  onProgress?: (p: DownloadProgress) => void;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
}

export interface UpdateResult {
  ecosystem: Ecosystem;
  entry: CachedEcosystem;
  bytes: number;
  ms: number;
}

export async function updateAdvisoryCache(options: UpdateOptions): Promise<UpdateResult[]> {
  const base = (options.baseUrl || process.env.MINA_OSV_ARCHIVE_URL || DEFAULT_ARCHIVE_BASE).replace(/\/+$/, '');
  await mkdir(options.dir, { recursive: true });
  const results: UpdateResult[] = [];
  for (const ecosystem of options.ecosystems) {
    results.push(await updateOne(ecosystem, `${base}/${encodeURIComponent(ecosystem)}/all.zip`, options));
  }
  return results;
}

async function updateOne(ecosystem: Ecosystem, url: string, options: UpdateOptions): Promise<UpdateResult> {
  const started = performance.now();
  const response = await (options.fetchImpl ?? fetch)(url, { signal: options.signal });
  if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status}`);
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const writer = await CacheWriter.create(options.dir, ecosystem);
  let received = 0;
  const body = response.body as unknown as AsyncIterable<Uint8Array>;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of body) {
      received += chunk.length;
      options.onProgress?.({ ecosystem, received, total, records: writer.records });
      yield chunk;
      // records decoded from this chunk are written before the next one is read
      await writer.flush();
    }
  }
  try {
    await readZipStream(counted(), (name, bytes) => {
      const parsed = parseRecordText(name, decodeUtf8(bytes));
      parsed.records.forEach((record, i) => writer.add(parsed.raw[i], record));
    });
    if (writer.records === 0) throw new Error(`${url}: the archive holds no ${ecosystem} records`);
    const entry = await writer.commit(url, new Date());
    options.onProgress?.({ ecosystem, received, total, records: writer.records });
    return { ecosystem, entry, bytes: received, ms: performance.now() - started };
  } catch (err) {
    await writer.abort();
    throw err;
  }
}
