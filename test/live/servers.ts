/**
 * Loopback HTTP services for live-probe tests: a hardened one (allow-listed CORS, security headers,
 * a rate limit) and a careless one (reflects any origin, no headers, no limit).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestService {
  url: string;
  requests: () => number;
  close: () => Promise<void>;
}

export interface ServiceBehaviour {
  /** Origins allowed; `reflect` echoes any Origin; `*` answers the wildcard. */
  cors: 'reflect' | '*' | string[];
  credentials?: boolean;
  securityHeaders?: boolean;
  /** Requests allowed per client before 429; null = unlimited. */
  limit?: number | null;
}

export async function startService(b: ServiceBehaviour): Promise<TestService> {
  let count = 0;
  const server = http.createServer((req, res) => {
    count++;
    const origin = req.headers.origin;
    if (origin) {
      if (b.cors === 'reflect') res.setHeader('Access-Control-Allow-Origin', origin);
      else if (b.cors === '*') res.setHeader('Access-Control-Allow-Origin', '*');
      else if (b.cors.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);
      if (b.credentials) res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    if (b.securityHeaders) {
      res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('X-Frame-Options', 'DENY');
      res.setHeader('Content-Security-Policy', "default-src 'self'");
    }
    if (b.limit != null && count > b.limit) {
      res.statusCode = 429;
      res.end('slow down');
      return;
    }
    res.statusCode = req.method === 'OPTIONS' ? 204 : 200;
    res.end(req.method === 'OPTIONS' ? undefined : 'ok');
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on. */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}
