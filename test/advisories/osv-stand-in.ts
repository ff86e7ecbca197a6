/**
 * Test helpers: archives built from the check's fixture OSV records, and a loopback HTTP server
 * that stands in for the OSV API and the OSV archive bucket. Nothing here reaches the internet.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { parse as parseYaml } from 'yaml';

export const FIXTURE_DB = path.join(import.meta.dirname, '../../checks/deps.vulnerabilities/osv-db');
export const FIXTURES = path.join(import.meta.dirname, '../../checks/deps.vulnerabilities/fixtures');

/** Every fixture record as JSON, by id. */
export function fixtureRecords(): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) visit(full);
      else if (/\.(json|ya?ml)$/.test(name)) {
        const text = readFileSync(full, 'utf8');
        const value = (name.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { schema: 'failsafe' })) as Record<string, unknown>;
        out.set(String(value.id), value);
      }
    }
  };
  visit(FIXTURE_DB);
  return out;
}

/** An OSV-style `all.zip` for one ecosystem: `<ID>.json` entries. */
export function ecosystemZip(ecosystem: string): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [id, rec] of fixtureRecords()) {
    const affected = rec.affected as Array<{ package: { ecosystem: string } }>;
    if (affected.some((a) => a.package.ecosystem === ecosystem)) files[`${id}.json`] = strToU8(JSON.stringify(rec));
  }
  files['README.txt'] = strToU8('not a record');
  return zipSync(files);
}

export interface StandIn {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

export type Route = (req: IncomingMessage, body: string, res: ServerResponse) => boolean;

export async function standIn(route: Route): Promise<StandIn> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      requests.push(`${req.method} ${req.url}`);
      if (!route(req, body, res)) {
        res.writeHead(404);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function json(res: ServerResponse, value: unknown, status = 200): true {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
  return true;
}
