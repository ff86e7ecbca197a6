/** Small HTTP helpers over fetch with a time limit on every call. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: unknown;
  ms: number;
}

export async function http(method: string, url: string, opts: { headers?: Record<string, string>; json?: unknown; timeoutMs?: number } = {}): Promise<HttpAnswer> {
  const started = performance.now();
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, {
    method,
    headers,
    body: opts.json === undefined ? undefined : JSON.stringify(opts.json),
    signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
  });
  const text = await res.text();
  let body: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json') && text) {
    try {
      body = JSON.parse(text);
    } catch {
      // leave it as text: the caller reports what it got
    }
  }
  return { status: res.status, headers: res.headers, body, ms: Math.round(performance.now() - started) };
}

/** Like http() but throws unless the status is the expected one. */
export async function expectStatus(expected: number, method: string, url: string, opts: Parameters<typeof http>[2] = {}): Promise<HttpAnswer> {
  const answer = await http(method, url, opts);
  if (answer.status !== expected) {
    const detail = typeof answer.body === 'string' ? answer.body.slice(0, 200) : JSON.stringify(answer.body).slice(0, 200);
    throw new Error(`${method} ${new URL(url).pathname} answered ${answer.status}, expected ${expected}: ${detail}`);
  }
  return answer;
}
