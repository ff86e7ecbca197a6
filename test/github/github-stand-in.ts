/**
 * A loopback stand-in for the GitHub REST API and for GitHub's git smart-HTTP endpoint, so that no
 * test reaches the internet. Routes answer with recorded response shapes; the stand-in adds what
 * the real service does around them: `Link` pagination, rate-limit headers on 403/429, secondary
 * rate limits with `retry-after`, and `git http-backend` serving bare repositories for clones
 * (with the Authorization header checked like GitHub's).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface Recorded {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Array pages served by `?page=N` with a `Link` header, like GitHub's list endpoints. */
  pages?: unknown[][];
  /** A primary rate limit: 403, `x-ratelimit-remaining: 0`, reset this many seconds from now. */
  rateLimited?: { resetIn: number; status?: 403 | 429 };
  /** A secondary rate limit: 403 with `retry-after`. */
  secondaryLimit?: { retryAfter: number };
  /** Never answer (for cancellation tests). */
  hang?: boolean;
}

/** "METHOD /path" → one response, or a sequence (the last one repeats). */
export type Routes = Record<string, Recorded | Recorded[]>;

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | null;
  body: unknown;
}

export interface StandInOptions {
  routes?: Routes;
  /** Folder of fixture cases: `/repos/standin/<case>/…` answers from `<case>/github-api.json`. */
  fixturesDir?: string;
  /** Serve bare repositories under this folder at `/git/<name>.git` through `git http-backend`. */
  gitRoot?: string;
  /** The Authorization header git requests must carry (401 otherwise). */
  gitAuthorization?: string;
  /** Called when a request arrives, before it is answered. */
  onRequest?: (req: SeenRequest) => void;
}

export interface GitHubStandIn {
  url: string;
  requests: SeenRequest[];
  gitAuthorizations: (string | null)[];
  routes: Routes;
  close(): Promise<void>;
}

export const FIXTURE_OWNER = 'standin';

export async function startGitHubStandIn(options: StandInOptions = {}): Promise<GitHubStandIn> {
  const routes: Routes = { ...options.routes };
  const requests: SeenRequest[] = [];
  const gitAuthorizations: (string | null)[] = [];
  const served = new Map<string, number>();
  const hanging = new Set<ServerResponse>();
  let base = '';

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    if (url.pathname.startsWith('/git/') && options.gitRoot) {
      gitAuthorizations.push(req.headers.authorization ?? null);
      if (options.gitAuthorization && req.headers.authorization !== options.gitAuthorization) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="GitHub"' });
        res.end();
        return;
      }
      serveGit(options.gitRoot, url, req, res);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // kept as text
      }
      const seen: SeenRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, authorization: req.headers.authorization ?? null, body };
      requests.push(seen);
      options.onRequest?.(seen);
      const key = `${seen.method} ${url.pathname}`;
      const entry = routes[key] ?? fixtureRoute(options.fixturesDir, seen.method, url.pathname);
      if (!entry) return send(res, 404, {}, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
      const n = served.get(key) ?? 0;
      served.set(key, n + 1);
      const rec = Array.isArray(entry) ? entry[Math.min(n, entry.length - 1)] : entry;
      if (rec.hang) {
        hanging.add(res);
        return;
      }
      answer(rec, url, base, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    requests,
    gitAuthorizations,
    routes,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(rec: Recorded, url: URL, base: string, res: ServerResponse): void {
  const headers: Record<string, string> = { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600), ...rec.headers };
  if (rec.rateLimited) {
    const reset = Math.floor(Date.now() / 1000) + rec.rateLimited.resetIn;
    return send(res, rec.rateLimited.status ?? 403, { ...headers, 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) }, { message: 'API rate limit exceeded for user ID 1.' });
  }
  if (rec.secondaryLimit) {
    return send(res, 403, { ...headers, 'retry-after': String(rec.secondaryLimit.retryAfter) }, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' });
  }
  if (rec.pages) {
    const page = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1);
    const link = (n: number) => {
      const u = new URL(url.pathname + url.search, base);
      u.searchParams.set('page', String(n));
      return u.toString();
    };
    const rels: string[] = [];
    if (page < rec.pages.length) rels.push(`<${link(page + 1)}>; rel="next"`, `<${link(rec.pages.length)}>; rel="last"`);
    if (page > 1) rels.push(`<${link(page - 1)}>; rel="prev"`, `<${link(1)}>; rel="first"`);
    if (rels.length) headers.link = rels.join(', ');
    return send(res, rec.status ?? 200, headers, rec.pages[page - 1] ?? []);
  }
  send(res, rec.status ?? 200, headers, rec.body);
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: unknown): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** `/repos/standin/<case>/rest` answered from `<fixturesDir>/<case>/github-api.json`, keyed by "METHOD /rest". */
function fixtureRoute(dir: string | undefined, method: string, pathname: string): Recorded | Recorded[] | undefined {
  if (!dir) return undefined;
  const m = new RegExp(`^/repos/${FIXTURE_OWNER}/([A-Za-z0-9._-]+)(/.*)?$`).exec(pathname);
  if (!m) return undefined;
  const file = path.join(dir, m[1], 'github-api.json');
  if (!existsSync(file)) return undefined;
  // "<now-3d>" in a recorded body is a date relative to the test run, so fixtures do not age.
  const text = readFileSync(file, 'utf8').replace(/"<now-(\d{1,4})d>"/g, (_, d: string) => JSON.stringify(new Date(Date.now() - Number(d) * 86_400_000).toISOString()));
  const table = JSON.parse(text) as Routes;
  return table[`${method} ${m[2] ?? '/'}`];
}

/** The CGI bridge to `git http-backend` (smart HTTP, read-only: upload-pack only). */
function serveGit(root: string, url: URL, req: IncomingMessage, res: ServerResponse): void {
  const pathInfo = url.pathname.slice('/git'.length);
  if (pathInfo.includes('..') || url.searchParams.get('service') === 'git-receive-pack' || pathInfo.endsWith('/git-receive-pack')) {
    res.writeHead(403);
    res.end();
    return;
  }
  const child = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: pathInfo,
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
      HTTP_GIT_PROTOCOL: (req.headers['git-protocol'] as string | undefined) ?? '',
      REMOTE_ADDR: '127.0.0.1',
    },
  });
  req.pipe(child.stdin);
  let head = Buffer.alloc(0);
  let headerDone = false;
  child.stdout.on('data', (chunk: Buffer) => {
    if (headerDone) return void res.write(chunk);
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end === -1) return;
    headerDone = true;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const i = line.indexOf(':');
      const name = line.slice(0, i).trim();
      const value = line.slice(i + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else headers[name] = value;
    }
    res.writeHead(status, headers);
    res.write(head.subarray(end + 4));
  });
  child.stdout.on('end', () => res.end());
  child.on('error', () => {
    res.writeHead(500);
    res.end();
  });
}
