import { cpSync, mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { runCheckOn } from '../../src/testing/check-tester.js';
import check from '../../checks/deps.vulnerabilities/index.js';
import { openAdvisorySource, NoAdvisoryDataError } from '../../src/advisories/advisory-source.js';
import { updateAdvisoryCache } from '../../src/advisories/db-download.js';
import { importAdvisoryCache } from '../../src/advisories/db-import.js';
import { OsvApiClient } from '../../src/advisories/osv-api.js';
import { CACHE_META } from '../../src/advisories/cache-db.js';
import { main } from '../../src/cli.js';
import { FIXTURE_DB, FIXTURES, ecosystemZip, fixtureRecords, json, standIn, type StandIn } from './osv-stand-in.js';

let tmp: string;
let servers: StandIn[] = [];
beforeEach(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'mina-osv-'));
  // an empty cache: whatever the machine has downloaded must not leak into these tests
  vi.stubEnv('MINA_CACHE_DIR', path.join(tmp, 'empty-cache'));
  vi.stubEnv('MINA_OSV_API', '');
  vi.stubEnv('MINA_OSV_ARCHIVE_URL', '');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  rmSync(tmp, { recursive: true, force: true });
});

const ids = (findings: Array<{ id: string; file?: string; line?: number }>) => findings.map((f) => `${f.id}@${f.file}:${f.line}`).sort();
const anyAge = { maxAgeDays: 1e6 };

describe('no advisory data', () => {
  it('offline with no database and no cache: the check errors and says how to get data', async () => {
    await expect(openAdvisorySource({ offline: true, advisoryDb: null })).rejects.toBeInstanceOf(NoAdvisoryDataError);
    const r = await runCheckOn(check, path.join(FIXTURES, 'npm-vulnerable'), {}, null, { offline: true, advisoryDb: null });
    expect(r.status).toBe('error');
    expect(r.reason).toMatch(/mina db update/);
    expect(r.reason).toMatch(/--advisory-db/);
  });

  it('a database path that does not exist is an error, not an empty pass', async () => {
    const r = await runCheckOn(check, path.join(FIXTURES, 'npm-vulnerable'), {}, null, { advisoryDb: path.join(tmp, 'missing') });
    expect(r.status).toBe('error');
  });

  it('data with none of the repository\'s ecosystems is an error; with some of them, a finding and a capped score', async () => {
    const pypiOnly = path.join(FIXTURE_DB, 'vulns');
    const npmOnly = await runCheckOn(check, path.join(FIXTURES, 'npm-vulnerable'), anyAge, null, { advisoryDb: pypiOnly });
    expect(npmOnly.status).toBe('error');
    expect(npmOnly.reason).toMatch(/no npm records/);
    // PyPI data only, for a repository with clean Python pins and an npm lockfile
    const repo = path.join(tmp, 'mixed');
    cpSync(path.join(FIXTURES, 'python-patched'), repo, { recursive: true });
    cpSync(path.join(FIXTURES, 'npm-patched'), repo, { recursive: true });
    const mixed = await runCheckOn(check, repo, anyAge, null, { advisoryDb: pypiOnly });
    expect(mixed.status).toBe('partial');
    expect(mixed.score).toBe(0.5);
    expect(ids(mixed.findings)).toEqual(['ecosystem-not-covered@undefined:undefined']);
  });
});

describe('zip databases', () => {
  it('reads a zip of the PyPA tree (YAML) and JSON records alike', async () => {
    const files: Record<string, Uint8Array> = {};
    for (const [id, rec] of fixtureRecords()) files[`osv/${id}.json`] = strToU8(JSON.stringify(rec));
    files['vulns/pyyaml/PYSEC-2020-96.yaml'] = strToU8(readFileSync(path.join(FIXTURE_DB, 'vulns/pyyaml/PYSEC-2020-96.yaml'), 'utf8'));
    files['broken.json'] = strToU8('{ not json');
    const zip = path.join(tmp, 'db.zip');
    writeFileSync(zip, zipSync(files));
    const r = await runCheckOn(check, path.join(FIXTURES, 'python-vulnerable'), anyAge, null, { advisoryDb: zip });
    expect(ids(r.findings)).toEqual(['vulnerable-dependency@base.txt:2', 'vulnerable-dependency@requirements.txt:3', 'vulnerable-dependency@requirements.txt:4']);
    expect(r.notes?.[0]).toMatch(/^advisory data: zip .*12 records.*1 unreadable record file skipped/);
  });

  it('a corrupt zip is an error', async () => {
    const zip = path.join(tmp, 'bad.zip');
    writeFileSync(zip, Buffer.from('PK\u0003\u0004 this is not really a zip archive at all'));
    const r = await runCheckOn(check, path.join(FIXTURES, 'npm-vulnerable'), anyAge, null, { advisoryDb: zip });
    expect(r.status).toBe('error');
  });
});

/** A stand-in for api.osv.dev that matches by exact version from a fixed table. */
function osvApi(table: Record<string, string[]>, pageSize = 2) {
  const records = fixtureRecords();
  return standIn((req, body, res) => {
    if (req.method === 'POST' && req.url === '/v1/querybatch') {
      const { queries } = JSON.parse(body) as { queries: Array<{ package: { name: string; ecosystem: string }; version: string; page_token?: string }> };
      // pages of `pageSize` ids, to exercise next_page_token
      return json(res, {
        results: queries.map((q) => {
          const all = table[`${q.package.ecosystem}:${q.package.name}@${q.version}`] ?? [];
          const start = q.page_token ? Number(q.page_token) : 0;
          const page = all.slice(start, start + pageSize).map((id) => ({ id, modified: '2024-01-01T00:00:00Z' }));
          return page.length ? { vulns: page, ...(start + pageSize < all.length ? { next_page_token: String(start + pageSize) } : {}) } : {};
        }),
      });
    }
    const m = /^\/v1\/vulns\/(.+)$/.exec(req.url ?? '');
    if (req.method === 'GET' && m && records.has(decodeURIComponent(m[1]))) return json(res, records.get(decodeURIComponent(m[1])));
    return false;
  });
}

describe('online lookup (OSV API stand-in on loopback)', () => {
  const table = { 'npm:lodash@4.17.15': ['GHSA-p6mc-m468-83gw', 'GHSA-35jh-r3h4-6jhm', 'GHSA-29mw-wpgm-hmr9'] };

  it('queries in batches, follows page tokens, fetches full records and reports live data', async () => {
    const api = await osvApi(table);
    servers.push(api);
    vi.stubEnv('MINA_OSV_API', api.url);
    const r = await runCheckOn(check, path.join(FIXTURES, 'npm-vulnerable'), {}, null, { offline: false, advisoryDb: null });
    expect(r.status).toBe('fail');
    expect(ids(r.findings)).toEqual(['vulnerable-dependency@package-lock.json:15']);
    expect(r.findings[0].message).toMatch(/GHSA-p6mc-m468-83gw.*GHSA-29mw-wpgm-hmr9|GHSA-29mw-wpgm-hmr9.*GHSA-p6mc-m468-83gw/);
    expect(r.notes?.[0]).toMatch(/OSV API http:\/\/127\.0\.0\.1:\d+, queried live/);
    expect(api.requests.filter((q) => q.startsWith('POST')).length).toBe(2);
    expect(api.requests.filter((q) => q.startsWith('GET')).sort()).toEqual(['GET /v1/vulns/GHSA-29mw-wpgm-hmr9', 'GET /v1/vulns/GHSA-35jh-r3h4-6jhm', 'GET /v1/vulns/GHSA-p6mc-m468-83gw']);
  });

  it('--offline never touches the network', async () => {
    const api = await osvApi(table);
    servers.push(api);
    vi.stubEnv('MINA_OSV_API', api.url);
    const r = await runCheckOn(check, path.join(FIXTURES, 'npm-vulnerable'), {}, null, { offline: true, advisoryDb: null });
    expect(r.status).toBe('error');
    expect(api.requests).toEqual([]);
  });

  it('an API failure is an error with the URL and status', async () => {
    const api = await standIn((_req, _body, res) => json(res, { error: 'overloaded' }, 503));
    servers.push(api);
    const client = new OsvApiClient(api.url);
    await expect(client.queryBatch([{ ecosystem: 'npm', name: 'lodash', version: '4.17.15' }])).rejects.toThrow(/HTTP 503/);
    vi.stubEnv('MINA_OSV_API', api.url);
    const r = await runCheckOn(check, path.join(FIXTURES, 'npm-vulnerable'), {}, null, { offline: false, advisoryDb: null });
    expect(r.status).toBe('error');
    expect(r.reason).toMatch(/HTTP 503.*mina db update/);
  });

  it('rejects an answer with the wrong number of results', async () => {
    const api = await standIn((_req, _body, res) => json(res, { results: [] }));
    servers.push(api);
    await expect(new OsvApiClient(api.url).queryBatch([{ ecosystem: 'PyPI', name: 'flask', version: '0.12' }])).rejects.toThrow(/number of results/);
  });
});

/** A stand-in for the OSV archive bucket: `/<ecosystem>/all.zip`. */
async function archiveBucket(): Promise<StandIn> {
  const zips: Record<string, Uint8Array> = { npm: ecosystemZip('npm'), PyPI: ecosystemZip('PyPI') };
  return standIn((req, _body, res) => {
    const m = /^\/(npm|PyPI)\/all\.zip$/.exec(req.url ?? '');
    if (!m) return false;
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': String(zips[m[1]].length) });
    // in small pieces, so the unzipper sees entries split across chunks
    const data = zips[m[1]];
    for (let i = 0; i < data.length; i += 700) res.write(data.subarray(i, i + 700));
    res.end();
    return true;
  });
}

describe('mina db update and the cache', () => {
  it('downloads both archives into the cache, which mina check then uses by default', async () => {
    const bucket = await archiveBucket();
    servers.push(bucket);
    const cacheRoot = path.join(tmp, 'cache');
    vi.stubEnv('MINA_CACHE_DIR', cacheRoot);
    const progress: number[] = [];
    const results = await updateAdvisoryCache({ dir: path.join(cacheRoot, 'osv'), ecosystems: ['npm', 'PyPI'], baseUrl: bucket.url, onProgress: (p) => progress.push(p.received) });
    expect(results.map((r) => [r.ecosystem, r.entry.records])).toEqual([['npm', 5], ['PyPI', 7]]);
    expect(progress.length).toBeGreaterThan(2);
    const meta = JSON.parse(readFileSync(path.join(cacheRoot, 'osv', CACHE_META), 'utf8'));
    expect(Object.keys(meta.ecosystems).sort()).toEqual(['PyPI', 'npm']);

    const r = await runCheckOn(check, path.join(FIXTURES, 'monorepo'), {}, null, { offline: true, advisoryDb: null });
    expect(ids(r.findings)).toEqual([
      'vulnerable-dependency@admin/pnpm-lock.yaml:17',
      'vulnerable-dependency@berry/yarn.lock:16',
      'vulnerable-dependency@legacy/Pipfile.lock:9',
      'vulnerable-dependency@services/api/poetry.lock:11',
      'vulnerable-dependency@tools/uv.lock:4',
      'vulnerable-dependency@web/yarn.lock:5',
    ]);
    expect(r.notes?.[0]).toMatch(/mina db update cache .*12 records; npm, PyPI.*downloaded \d{4}-\d\d-\d\d.*0 days old/);
  });

  it('a failed download leaves the previous cache in place', async () => {
    const bucket = await archiveBucket();
    servers.push(bucket);
    const dir = path.join(tmp, 'osv');
    await updateAdvisoryCache({ dir, ecosystems: ['npm'], baseUrl: bucket.url });
    const before = readFileSync(path.join(dir, 'npm.ndjson'), 'utf8');
    const broken = await standIn((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/zip' });
      res.end(Buffer.from('PK\u0003\u0004 garbage garbage garbage garbage garbage'));
      return true;
    });
    servers.push(broken);
    await expect(updateAdvisoryCache({ dir, ecosystems: ['npm'], baseUrl: broken.url })).rejects.toThrow();
    expect(readFileSync(path.join(dir, 'npm.ndjson'), 'utf8')).toBe(before);
    expect(existsSync(path.join(dir, 'npm.ndjson.tmp'))).toBe(false);
  });

  it('--from builds the cache from records on disk, dated by its newest record, and matches like the tree does', async () => {
    const dir = path.join(tmp, 'imported');
    const results = await importAdvisoryCache(FIXTURE_DB, dir, ['npm', 'PyPI']);
    expect(results.map((r) => [r.ecosystem, r.entry.records, r.entry.fetchedAt.slice(0, 10)])).toEqual([
      ['npm', 5, '2024-02-16'],
      ['PyPI', 7, '2023-06-05'],
    ]);
    const fromCache = await runCheckOn(check, path.join(FIXTURES, 'monorepo'), anyAge, null, { advisoryDb: dir });
    const fromTree = await runCheckOn(check, path.join(FIXTURES, 'monorepo'), anyAge, null, { advisoryDb: FIXTURE_DB });
    expect(fromCache.findings).toEqual(fromTree.findings);
    expect(fromCache.notes?.[0]).toMatch(/mina db update cache/);
    // the age is the data's, not the import's: stale by the default 7 days
    const stale = await runCheckOn(check, path.join(FIXTURES, 'npm-patched'), {}, null, { advisoryDb: dir });
    expect(stale.findings.map((f) => f.id)).toEqual(['stale-advisory-data']);
    await expect(importAdvisoryCache(path.join(FIXTURES, 'npm-patched'), path.join(tmp, 'none'), ['npm'])).rejects.toThrow(/no OSV records/);
  });

  it('the CLI command writes the cache and exits 0; an unknown ecosystem exits 2; a failed download 1', async () => {
    const bucket = await archiveBucket();
    servers.push(bucket);
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const dir = path.join(tmp, 'cli-cache');
      expect(await main(['node', 'mina', 'db', 'update', '--cache-dir', dir, '--source', bucket.url, '--ecosystem', 'pypi'])).toBe(0);
      expect(existsSync(path.join(dir, 'PyPI.index.json'))).toBe(true);
      expect(out.mock.calls.map((c) => String(c[0])).join('')).toMatch(/PyPI: 7 advisories/);
      expect(await main(['node', 'mina', 'db', 'update', '--cache-dir', dir, '--ecosystem', 'cargo'])).toBe(2);
      expect(await main(['node', 'mina', 'db', 'update', '--cache-dir', dir, '--source', `${bucket.url}/nothing-here`])).toBe(1);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });
});
