/**
 * Requests to a running service for the live halves of checks (`--url`). Every request has a
 * time-out and follows no redirects (a redirect is itself evidence); bodies are discarded unread
 * beyond what the socket needs. An unreachable service is a `LiveProbeError` with a message a user
 * can act on, which the engine reports as the check's error.
 */

export class LiveProbeError extends Error {}

export interface ProbeOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface ProbeResponse {
  url: string;
  status: number;
  headers: Headers;
  ms: number;
}

export const DEFAULT_TIMEOUT_MS = 5000;

/** `path` resolved against the base URL (a base path such as `/api/` is kept). */
export function resolveUrl(base: string, path: string): string {
  const u = new URL(base);
  if (!path) return u.href;
  const basePath = u.pathname.endsWith('/') ? u.pathname : `${u.pathname}/`;
  return new URL(path.replace(/^\//, ''), `${u.origin}${basePath}`).href;
}

export async function request(url: string, init: { method?: string; headers?: Record<string, string> } = {}, options: ProbeOptions = {}): Promise<ProbeResponse> {
  const timeout = AbortSignal.timeout(Math.max(1, Math.ceil(options.timeoutMs ?? DEFAULT_TIMEOUT_MS)));
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const started = performance.now();
  let res: Response;
  try {
    res = await fetch(url, { method: init.method ?? 'GET', headers: init.headers, redirect: 'manual', signal });
  } catch (err) {
    throw new LiveProbeError(`live probe: cannot reach ${url} (${reason(err, timeout)})`);
  }
  const ms = performance.now() - started;
  await res.body?.cancel().catch(() => undefined);
  return { url, status: res.status, headers: res.headers, ms };
}

function reason(err: unknown, timeout: AbortSignal): string {
  if (timeout.aborted) return 'timed out';
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message ?? String(err);
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\]|0\.0\.0\.0)$/i;

export function isLoopbackUrl(url: string): boolean {
  try {
    return LOOPBACK.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

export const EVIL_ORIGIN = 'https://evil.example';

export interface CorsAnswer {
  status: number;
  allowOrigin: string | null;
  allowCredentials: boolean;
}

export interface CorsProbe {
  preflight: CorsAnswer;
  simple: CorsAnswer;
}

function corsAnswer(r: ProbeResponse): CorsAnswer {
  return {
    status: r.status,
    allowOrigin: r.headers.get('access-control-allow-origin'),
    allowCredentials: (r.headers.get('access-control-allow-credentials') ?? '').trim().toLowerCase() === 'true',
  };
}

/** A preflight (`OPTIONS` with `Access-Control-Request-Method`) and a simple `GET`, both from an origin nobody allow-lists. */
export async function probeCors(url: string, options: ProbeOptions = {}): Promise<CorsProbe> {
  const preflight = await request(url, { method: 'OPTIONS', headers: { Origin: EVIL_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' } }, options);
  const simple = await request(url, { headers: { Origin: EVIL_ORIGIN } }, options);
  return { preflight: corsAnswer(preflight), simple: corsAnswer(simple) };
}

/** How a CORS answer treats a foreign origin: `*`, echoed back, or not allowed. */
export function corsVerdict(a: CorsAnswer): 'wildcard' | 'reflected' | 'restricted' {
  const o = a.allowOrigin?.trim();
  if (o === '*') return 'wildcard';
  if (o && o.toLowerCase() === EVIL_ORIGIN) return 'reflected';
  return 'restricted';
}

export interface HeaderProbe {
  status: number;
  https: boolean;
  hsts: string | null;
  contentTypeOptions: string | null;
  frameProtection: boolean;
  csp: string | null;
  /** Where a plain-http URL redirects, if anywhere. */
  location: string | null;
}

export async function probeHeaders(url: string, options: ProbeOptions = {}): Promise<HeaderProbe> {
  const r = await request(url, {}, options);
  const csp = r.headers.get('content-security-policy');
  return {
    status: r.status,
    https: new URL(url).protocol === 'https:',
    hsts: r.headers.get('strict-transport-security'),
    contentTypeOptions: r.headers.get('x-content-type-options'),
    frameProtection: r.headers.get('x-frame-options') !== null || /frame-ancestors/i.test(csp ?? ''),
    csp,
    location: r.status >= 300 && r.status < 400 ? r.headers.get('location') : null,
  };
}

export interface BurstOptions extends ProbeOptions {
  count: number;
  seconds: number;
  concurrency?: number;
}

export interface BurstResult {
  sent: number;
  /** 1-based number of the first request answered 429, or null. */
  first429: number | null;
  statuses: Record<number, number>;
  elapsedMs: number;
}

/**
 * Up to `count` GETs within `seconds`, a few in flight at once, stopping at the first 429. The
 * count and the time are both hard bounds, so a slow or unlimited service costs at most that.
 */
export async function probeBurst(url: string, options: BurstOptions): Promise<BurstResult> {
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const statuses: Record<number, number> = {};
  let sent = 0;
  let first429: number | null = null;
  const worker = async () => {
    while (sent < options.count && first429 === null && performance.now() < deadline && !options.signal?.aborted) {
      const n = ++sent;
      const remaining = Math.ceil(Math.max(1, Math.min(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, deadline - performance.now())));
      const r = await request(url, {}, { signal: options.signal, timeoutMs: remaining }).catch((err: unknown) => {
        if (performance.now() >= deadline) return null; // the time bound, not a failure
        throw err;
      });
      if (!r) return;
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status === 429 && first429 === null) first429 = n;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 8, options.count)) }, worker));
  return { sent, first429, statuses, elapsedMs: Math.round(performance.now() - started) };
}

export interface HealthAnswer {
  path: string;
  status: number | null;
  ms: number | null;
  error?: string;
}

/** Each health path once; a path that does not answer is recorded, not thrown. */
export async function probeHealth(url: string, paths: readonly string[], options: ProbeOptions = {}): Promise<HealthAnswer[]> {
  const out: HealthAnswer[] = [];
  for (const path of paths) {
    try {
      const r = await request(resolveUrl(url, path), {}, options);
      out.push({ path, status: r.status, ms: Math.round(r.ms) });
    } catch (err) {
      out.push({ path, status: null, ms: null, error: (err as Error).message });
    }
  }
  return out;
}

export const DEFAULT_HEALTH_PATHS = ['/health', '/healthz', '/ready', '/readyz'];
