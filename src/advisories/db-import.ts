/**
 * `mina db update --from PATH`: build the advisory cache from OSV records already on disk (a
 * directory tree or zip, as `--advisory-db` reads them) — for machines without network access,
 * and because the indexed cache opens in a fraction of the time a YAML tree takes to parse. The
 * data is as old as its newest record, so that is the date the cache records, not today.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import type { Ecosystem } from './ecosystems.js';
import { baseEcosystem } from './osv.js';
import { CacheWriter } from './cache-db.js';
import { listTree } from './local-db.js';
import { decodeUtf8, parseRecordText, readZipStream, zipFileChunks, type ParsedRecords } from './record-files.js';
import type { UpdateResult } from './db-download.js';

export async function importAdvisoryCache(source: string, dir: string, ecosystems: readonly Ecosystem[]): Promise<UpdateResult[]> {
  const started = performance.now();
  await mkdir(dir, { recursive: true });
  const writers = new Map<Ecosystem, CacheWriter>();
  for (const e of ecosystems) writers.set(e, await CacheWriter.create(dir, e));
  const seen = new Set<string>();
  const add = (parsed: ParsedRecords) => {
    parsed.records.forEach((record, i) => {
      if (seen.has(record.id)) return;
      seen.add(record.id);
      for (const eco of new Set(record.affected.map((a) => baseEcosystem(a.ecosystem)))) {
        writers.get(eco as Ecosystem)?.add(parsed.raw[i], record);
      }
    });
  };
  let bytes = 0;
  try {
    const zips: string[] = [];
    if ((await stat(source)).isDirectory()) {
      const tree = await listTree(source);
      for (const file of tree.files) {
        const text = await readFile(file, 'utf8');
        bytes += text.length;
        add(parseRecordText(file, text));
        for (const w of writers.values()) await w.flush();
      }
      zips.push(...tree.zips);
    } else {
      zips.push(source);
    }
    for (const zip of zips) {
      bytes += (await stat(zip)).size;
      await readZipStream(zipFileChunks(zip), (name, data) => add(parseRecordText(name, decodeUtf8(data))));
    }
    const results: UpdateResult[] = [];
    for (const [ecosystem, writer] of writers) {
      if (writer.records === 0) {
        await writer.abort();
        continue;
      }
      const entry = await writer.commit(source, writer.newestModified ?? new Date(0));
      results.push({ ecosystem, entry, bytes, ms: performance.now() - started });
    }
    if (results.length === 0) throw new Error(`${source} holds no OSV records for ${ecosystems.join(' or ')}`);
    return results;
  } catch (err) {
    for (const w of writers.values()) await w.abort();
    throw err;
  }
}
