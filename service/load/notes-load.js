#!/usr/bin/env node
/**
 * Load test for the notes API (autocannon): four first-page reads per write, spread over many
 * users, against a service on this machine. Bounded in time and requests; prints p50/p95/p99.
 *
 *   AUTH_SECRET=... node load/notes-load.js http://127.0.0.1:8080 [seconds=10] [connections=10]
 */
import autocannon from 'autocannon';
import { signToken } from '../src/auth.js';

const [url = 'http://127.0.0.1:8080', seconds = '10', connections = '10'] = process.argv.slice(2);
const host = new URL(url).hostname;
if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) {
  console.error(`refusing to load ${host}: this script targets a service on this machine`);
  process.exit(2);
}
const secret = process.env.AUTH_SECRET;
if (!secret) {
  console.error('AUTH_SECRET must be the one the service runs with');
  process.exit(2);
}
const USERS = 1000;
const tokens = Array.from({ length: USERS }, (_, i) => signToken(secret, `load-${i}`));
const pick = (req) => {
  const i = Math.floor(Math.random() * USERS);
  return { ...req, path: `/v1/users/load-${i}/notes`, headers: { ...req.headers, authorization: `Bearer ${tokens[i]}` } };
};
const read = { method: 'GET', setupRequest: pick };
const write = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'load', body: 'x'.repeat(200) }), setupRequest: pick };

const result = await autocannon({
  url,
  connections: Math.min(Number(connections), 500),
  duration: Math.min(Number(seconds), 300),
  maxOverallRequests: 2_000_000,
  requests: [read, read, read, read, write],
});
const { latency, requests, non2xx, errors } = result;
console.log(JSON.stringify({ rps: requests.average, p50: latency.p50, p97_5: latency.p97_5, p99: latency.p99, non2xx, errors }));
process.exitCode = non2xx + errors > 0.001 * requests.total ? 1 : 0;
