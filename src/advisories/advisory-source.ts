/**
 * Where a run's advisory data comes from, decided once: `--advisory-db`/`MINA_ADVISORY_DB` (a mina
 * cache, a directory tree or a zip), else the cache of `mina db update`, else the OSV API unless
 * `--offline`. No data at all is an error that says how to get some, never an empty answer.
 */
import { stat } from 'node:fs/promises';
import type { RunSettings } from '../engine/check-api.js';
import { ECOSYSTEMS, type Ecosystem } from './ecosystems.js';
import { affectedEntries, matchRecord, type AffectedMatch } from './affected.js';
import type { OsvRecord } from './osv.js';
import { CacheReader, readCacheMeta } from './cache-db.js';
import { defaultAdvisoryCacheDir } from './cache-dir.js';
import { loadLocalDb } from './local-db.js';
import { OsvApiClient, type PackageQuery } from './osv-api.js';

export type { PackageQuery } from './osv-api.js';

export interface SourceInfo {
  kind: 'cache' | 'directory' | 'zip' | 'online';
  location: string;
  /** Records available; null for the online API. */
  records: number | null;
  ecosystems: Ecosystem[];
  /** When the data was downloaded (cache) or asked for (online); null when unknown. */
  fetchedAt: number | null;
  /** The newest `modified` date among the records, when known. */
  newestModified: number | null;
  malformed: number;
}

export interface AdvisorySource {
  info: SourceInfo;
  /** Matching advisories for each query, in query order. */
  match(queries: readonly PackageQuery[], signal?: AbortSignal): Promise<AffectedMatch[][]>;
}

export class NoAdvisoryDataError extends Error {}

export async function openAdvisorySource(settings: Pick<RunSettings, 'advisoryDb' | 'offline'>, env: NodeJS.ProcessEnv = process.env): Promise<AdvisorySource> {
  if (settings.advisoryDb) return openLocal(settings.advisoryDb);
  const cacheDir = defaultAdvisoryCacheDir(env);
  const meta = await readCacheMeta(cacheDir);
  if (meta && Object.keys(meta.ecosystems).length > 0) return cacheSource(new CacheReader(cacheDir, meta));
  if (!settings.offline) return onlineSource(new OsvApiClient(env.MINA_OSV_API || undefined));
  throw new NoAdvisoryDataError(
    `no advisory data: --offline forbids the OSV API and there is no local data (${cacheDir} is empty). ` +
      'Run `mina db update` once with network access, or pass --advisory-db PATH (a directory or zip of OSV records).',
  );
}

async function openLocal(location: string): Promise<AdvisorySource> {
  let isDir: boolean;
  try {
    isDir = (await stat(location)).isDirectory();
  } catch {
    throw new NoAdvisoryDataError(`advisory database ${location} does not exist (from --advisory-db or MINA_ADVISORY_DB)`);
  }
  const meta = isDir ? await readCacheMeta(location) : null;
  if (meta) return cacheSource(new CacheReader(location, meta));
  const index = await loadLocalDb(location);
  if (index.size === 0) throw new NoAdvisoryDataError(`advisory database ${location} holds no OSV records for npm or PyPI`);
  const info: SourceInfo = {
    kind: isDir ? 'directory' : 'zip',
    location,
    records: index.size,
    ecosystems: ECOSYSTEMS.filter((e) => index.ecosystems.has(e)),
    fetchedAt: null,
    newestModified: index.newestModified,
    malformed: index.malformed,
  };
  return { info, match: async (queries) => matchAll(queries, (q) => index.lookup(q.ecosystem, q.name)) };
}

function cacheSource(reader: CacheReader): AdvisorySource {
  const entries = reader.ecosystems.map((e) => reader.meta.ecosystems[e]!);
  const times = (pick: (e: (typeof entries)[number]) => string | null) =>
    entries.map((e) => Date.parse(pick(e) ?? '')).filter(Number.isFinite);
  const fetched = times((e) => e.fetchedAt);
  const modified = times((e) => e.newestModified);
  const info: SourceInfo = {
    kind: 'cache',
    location: reader.dir,
    records: entries.reduce((n, e) => n + e.records, 0),
    ecosystems: reader.ecosystems,
    // the oldest download is the one that limits how current the answer is
    fetchedAt: fetched.length ? Math.min(...fetched) : null,
    newestModified: modified.length ? Math.max(...modified) : null,
    malformed: 0,
  };
  return {
    info,
    match: async (queries) => {
      const found = new Map<string, OsvRecord[]>();
      for (const eco of ECOSYSTEMS) {
        const names = [...new Set(queries.filter((q) => q.ecosystem === eco).map((q) => q.name))];
        for (const [name, records] of await reader.lookupMany(eco, names)) found.set(`${eco}\0${name}`, records);
      }
      return matchAll(queries, (q) => found.get(`${q.ecosystem}\0${q.name}`) ?? []);
    },
  };
}

function onlineSource(client: OsvApiClient): AdvisorySource {
  const info: SourceInfo = { kind: 'online', location: client.baseUrl, records: null, ecosystems: [...ECOSYSTEMS], fetchedAt: Date.now(), newestModified: null, malformed: 0 };
  return {
    info,
    match: async (queries, signal) => {
      let ids: string[][];
      let records: Map<string, OsvRecord>;
      try {
        ids = await client.queryBatch(queries, signal);
        records = await client.getVulns(ids.flat(), signal);
      } catch (err) {
        throw new NoAdvisoryDataError(
          `online advisory lookup failed (${(err as Error).message}) and there is no local data: run \`mina db update\` where the network allows, or pass --advisory-db PATH`,
        );
      }
      // the API has matched already (it also resolves GIT ranges, which a lockfile version cannot):
      // local matching only adds the fixed versions, so its verdict never drops the API's
      return queries.map((q, i) =>
        ids[i].flatMap((id) => {
          const record = records.get(id);
          return record ? [matchRecord(record, q.ecosystem, q.name, q.version) ?? unmatched(record, q)] : [];
        }),
      );
    },
  };
}

function unmatched(record: OsvRecord, q: PackageQuery): AffectedMatch {
  const entry = affectedEntries(record, q.ecosystem, q.name)[0] ?? record.affected[0];
  const fixed = entry.ranges.flatMap((r) => r.events.flatMap((e) => (e.fixed !== undefined ? [e.fixed] : [])));
  return { record, entry, fixed: [...new Set(fixed)] };
}

function matchAll(queries: readonly PackageQuery[], lookup: (q: PackageQuery, i: number) => OsvRecord[]): AffectedMatch[][] {
  return queries.map((q, i) => lookup(q, i).flatMap((r) => matchRecord(r, q.ecosystem, q.name, q.version) ?? []));
}
