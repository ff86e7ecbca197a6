/**
 * The advisory cache that `mina db update` writes and `mina check` reads: per ecosystem, the OSV
 * records one per line (`<ecosystem>.ndjson`) and an index from normalised package name to byte
 * ranges (`<ecosystem>.index.json`), so a check reads only the records of the packages it has.
 * `mina-osv.json` says when each ecosystem was fetched and from where.
 */
import { open, readFile, rename, rm, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { isEcosystem, normalizeName, type Ecosystem } from './ecosystems.js';
import { baseEcosystem, toOsvRecord, type OsvRecord } from './osv.js';

export const CACHE_META = 'mina-osv.json';
const FORMAT = 1;

export interface CachedEcosystem {
  fetchedAt: string;
  source: string;
  records: number;
  newestModified: string | null;
}

export interface CacheMeta {
  format: number;
  ecosystems: Partial<Record<Ecosystem, CachedEcosystem>>;
}

export async function readCacheMeta(dir: string): Promise<CacheMeta | null> {
  let text: string;
  try {
    text = await readFile(path.join(dir, CACHE_META), 'utf8');
  } catch {
    return null;
  }
  try {
    const meta = JSON.parse(text) as CacheMeta;
    return meta && meta.format === FORMAT && typeof meta.ecosystems === 'object' ? meta : null;
  } catch {
    return null;
  }
}

/** Streams one ecosystem's records to temporary files, swapped in only when complete. */
export class CacheWriter {
  private readonly index = new Map<string, Array<[number, number]>>();
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private offset = 0;
  private newest: number | null = null;
  records = 0;

  private constructor(
    private readonly dir: string,
    private readonly ecosystem: Ecosystem,
    private readonly handle: FileHandle,
  ) {}

  static async create(dir: string, ecosystem: Ecosystem): Promise<CacheWriter> {
    return new CacheWriter(dir, ecosystem, await open(path.join(dir, `${ecosystem}.ndjson.tmp`), 'w'));
  }

  add(raw: unknown, record: OsvRecord): void {
    const names = new Set(record.affected.filter((a) => baseEcosystem(a.ecosystem) === this.ecosystem).map((a) => normalizeName(this.ecosystem, a.name)));
    if (names.size === 0) return;
    const line = Buffer.from(JSON.stringify(raw) + '\n', 'utf8');
    for (const name of names) {
      const list = this.index.get(name);
      if (list) list.push([this.offset, line.length - 1]);
      else this.index.set(name, [[this.offset, line.length - 1]]);
    }
    this.offset += line.length;
    this.pending.push(line);
    this.pendingBytes += line.length;
    this.records++;
    const modified = record.modified ? Date.parse(record.modified) : NaN;
    if (Number.isFinite(modified) && (this.newest === null || modified > this.newest)) this.newest = modified;
  }

  /** Writes what has accumulated; call between chunks so memory stays bounded. */
  async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const chunk = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    await this.handle.write(chunk);
  }

  /** Newest `modified` among the records added so far, or null. */
  get newestModified(): Date | null {
    return this.newest === null ? null : new Date(this.newest);
  }

  async commit(source: string, fetchedAt: Date): Promise<CachedEcosystem> {
    await this.flush();
    await this.handle.close();
    const base = path.join(this.dir, this.ecosystem);
    await writeFile(`${base}.index.json.tmp`, JSON.stringify(Object.fromEntries(this.index)));
    await rename(`${base}.ndjson.tmp`, `${base}.ndjson`);
    await rename(`${base}.index.json.tmp`, `${base}.index.json`);
    const entry: CachedEcosystem = {
      fetchedAt: fetchedAt.toISOString(),
      source,
      records: this.records,
      newestModified: this.newest === null ? null : new Date(this.newest).toISOString(),
    };
    const meta = (await readCacheMeta(this.dir)) ?? { format: FORMAT, ecosystems: {} };
    meta.ecosystems[this.ecosystem] = entry;
    await writeFile(path.join(this.dir, `${CACHE_META}.tmp`), JSON.stringify(meta, null, 2) + '\n');
    await rename(path.join(this.dir, `${CACHE_META}.tmp`), path.join(this.dir, CACHE_META));
    return entry;
  }

  /** Drops what was written; the previous cache, if any, stays as it was. */
  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await rm(path.join(this.dir, `${this.ecosystem}.ndjson.tmp`), { force: true });
  }
}

/** Read side: index in memory, records read from disk on demand. */
export class CacheReader {
  private readonly indexes = new Map<Ecosystem, Promise<Map<string, Array<[number, number]>>>>();
  private readonly parsed = new Map<string, OsvRecord | null>();

  constructor(
    readonly dir: string,
    readonly meta: CacheMeta,
  ) {}

  get ecosystems(): Ecosystem[] {
    return Object.keys(this.meta.ecosystems).filter(isEcosystem);
  }

  /** Records of each named package, reading the ndjson file through one handle per call. */
  async lookupMany(ecosystem: Ecosystem, names: readonly string[]): Promise<Map<string, OsvRecord[]>> {
    const out = new Map<string, OsvRecord[]>();
    if (!this.meta.ecosystems[ecosystem]) return out;
    const index = await this.index(ecosystem);
    const wanted = names.map((n) => [n, index.get(normalizeName(ecosystem, n))] as const).filter(([, spans]) => spans !== undefined);
    if (wanted.length === 0) return out;
    const handle = await open(path.join(this.dir, `${ecosystem}.ndjson`), 'r');
    try {
      for (const [name, spans] of wanted) {
        const records: OsvRecord[] = [];
        for (const [offset, length] of spans!) {
          const record = await this.readRecord(handle, ecosystem, offset, length);
          if (record) records.push(record);
        }
        out.set(name, records);
      }
    } finally {
      await handle.close();
    }
    return out;
  }

  private async readRecord(handle: FileHandle, ecosystem: Ecosystem, offset: number, length: number): Promise<OsvRecord | null> {
    const key = `${ecosystem}:${offset}`;
    if (this.parsed.has(key)) return this.parsed.get(key)!;
    const buf = Buffer.alloc(length);
    await handle.read(buf, 0, length, offset);
    let record: OsvRecord | null = null;
    try {
      record = toOsvRecord(JSON.parse(buf.toString('utf8')));
    } catch {
      // a torn or edited cache line is skipped; `mina db update` rewrites the file whole
    }
    this.parsed.set(key, record);
    return record;
  }

  private index(ecosystem: Ecosystem): Promise<Map<string, Array<[number, number]>>> {
    let hit = this.indexes.get(ecosystem);
    if (!hit) {
      hit = readFile(path.join(this.dir, `${ecosystem}.index.json`), 'utf8').then((t) => new Map(Object.entries(JSON.parse(t) as Record<string, Array<[number, number]>>)));
      this.indexes.set(ecosystem, hit);
    }
    return hit;
  }
}
