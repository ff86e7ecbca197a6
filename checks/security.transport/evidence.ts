/**
 * What this check collects from each source: violations (findings with file and line) and
 * evidence that HTTPS is enforced somewhere (HSTS, a redirect, TLS on the ingress).
 */
import type { Finding } from '../../src/engine/check-api.js';

export interface TransportFacts {
  findings: Finding[];
  /** Where HTTPS is enforced: "Flask-Talisman at app.py:5". */
  https: string[];
}

export function emptyFacts(): TransportFacts {
  return { findings: [], https: [] };
}

export function merge(...parts: TransportFacts[]): TransportFacts {
  return { findings: parts.flatMap((p) => p.findings), https: parts.flatMap((p) => p.https) };
}

/** `postgres://…?sslmode=disable` (or `allow`, which falls back to plaintext) to a host that is not local. */
export function plaintextDatabaseUrl(value: string): boolean {
  if (value.length > 2048) return false;
  const m = /^(postgres(?:ql)?(?:\+\w+)?):\/\/(?:[^@/\s]*@)?([^:/?\s]*)[^?\s]*\?(.*)$/i.exec(value.trim());
  if (!m) return false;
  const host = m[2].toLowerCase();
  if (['localhost', '127.0.0.1', '::1', ''].includes(host)) return false;
  return /(^|&)sslmode=(disable|allow)(&|$)/i.test(m[3]);
}

export const TLS_HINT = 'keep certificate verification on; if the server uses a private CA, pass its bundle (verify="/path/ca.pem", ca: fs.readFileSync(…))';
