/**
 * Online lookup through the OSV API (`POST /v1/querybatch`, then `GET /v1/vulns/{id}` for the full
 * records), with Node's built-in fetch. Used only when no local data exists and `--offline` is not
 * set. The base URL is `MINA_OSV_API` when set, which is also how the tests point it at a loopback
 * stand-in.
 */
import type { Ecosystem } from './ecosystems.js';
import { toOsvRecord, type OsvRecord } from './osv.js';

export const DEFAULT_OSV_API = 'https://api.osv.dev';
/** The API's documented maximum number of queries in one batch. */
const BATCH = 1000;
const MAX_PAGES = 20;
const FETCH_CONCURRENCY = 8;
const TIMEOUT_MS = 30_000;

export interface PackageQuery {
  ecosystem: Ecosystem;
  name: string;
  version: string;
}

export class OsvApiError extends Error {}

export class OsvApiClient {
  readonly baseUrl: string;
  private readonly records = new Map<string, Promise<OsvRecord | null>>();

  constructor(baseUrl: string = process.env.MINA_OSV_API || DEFAULT_OSV_API, private readonly fetchImpl: typeof fetch = fetch) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  /** Advisory ids affecting each query, in query order; follows the API's page tokens. */
  async queryBatch(queries: readonly PackageQuery[], signal?: AbortSignal): Promise<string[][]> {
    const results: string[][] = queries.map(() => []);
    for (let start = 0; start < queries.length; start += BATCH) {
      let pending = queries.slice(start, start + BATCH).map((q, i) => ({ at: start + i, q, token: undefined as string | undefined }));
      for (let page = 0; pending.length > 0; page++) {
        if (page >= MAX_PAGES) throw new OsvApiError(`querybatch still paging after ${MAX_PAGES} pages`);
        const body = {
          queries: pending.map(({ q, token }) => ({ package: { name: q.name, ecosystem: q.ecosystem }, version: q.version, ...(token ? { page_token: token } : {}) })),
        };
        const response = (await this.request('/v1/querybatch', { method: 'POST', body: JSON.stringify(body) }, signal)) as { results?: unknown };
        const rows = Array.isArray(response.results) ? response.results : null;
        if (!rows || rows.length !== pending.length) throw new OsvApiError('querybatch answered with a different number of results than queries');
        const next: typeof pending = [];
        rows.forEach((row, i) => {
          const r = (row ?? {}) as { vulns?: Array<{ id?: unknown }>; next_page_token?: unknown };
          for (const v of r.vulns ?? []) if (typeof v?.id === 'string') results[pending[i].at].push(v.id);
          if (typeof r.next_page_token === 'string' && r.next_page_token) next.push({ ...pending[i], token: r.next_page_token });
        });
        pending = next;
      }
    }
    return results;
  }

  /** Full records by id, fetched with bounded concurrency and memoised per client. */
  async getVulns(ids: readonly string[], signal?: AbortSignal): Promise<Map<string, OsvRecord>> {
    const unique = [...new Set(ids)];
    let next = 0;
    const worker = async () => {
      while (next < unique.length) {
        const id = unique[next++];
        if (!this.records.has(id)) {
          const p = this.request(`/v1/vulns/${encodeURIComponent(id)}`, { method: 'GET' }, signal).then(toOsvRecord);
          this.records.set(id, p);
          p.catch(() => this.records.delete(id));
        }
        await this.records.get(id);
      }
    };
    await Promise.all(Array.from({ length: Math.min(FETCH_CONCURRENCY, unique.length) }, worker));
    const out = new Map<string, OsvRecord>();
    for (const id of unique) {
      const record = await this.records.get(id);
      if (record) out.set(id, record);
    }
    return out;
  }

  private async request(route: string, init: RequestInit, signal?: AbortSignal): Promise<unknown> {
    const timeout = AbortSignal.timeout(TIMEOUT_MS);
    const url = `${this.baseUrl}${route}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        ...init,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      throw new OsvApiError(`${url}: ${(err as Error).message}${cause ? ` (${cause})` : ''}`);
    }
    if (!response.ok) throw new OsvApiError(`${url}: HTTP ${response.status}`);
    try {
      return await response.json();
    } catch {
      throw new OsvApiError(`${url}: the answer is not JSON`);
    }
  }
}
