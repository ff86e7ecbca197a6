#!/usr/bin/env node
// Reference service benchmark (issue 11), side by side in one run:
//  1. throughput and p99 of the reference service (embedded, and PostgreSQL+Redis when reachable)
//     at a fixed connection count, against a bare Fastify hello-world on the same machine: the
//     ratio is the figure;
//  2. the disaster-recovery drill's RTO with 100,000 seeded rows, embedded and server mode.
// Loopback only, every load bounded. Uses the built dist/ (npm run build first).
// Env: BENCH_CONNECTIONS (20), BENCH_SECONDS (8), BENCH_DRILL_ROWS (100000).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const lc = await import(path.join(root, 'dist/src/service-lifecycle/lifecycle.js'));
const { load } = await import(path.join(root, 'dist/src/service-lifecycle/operations.js'));
const { drill } = await import(path.join(root, 'dist/src/service-lifecycle/drill.js'));
const { startLoad } = await import(path.join(root, 'dist/src/service-lifecycle/load.js'));
const { startDetached, stopGracefully, waitReady } = await import(path.join(root, 'dist/src/service-lifecycle/processes.js'));

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const DRILL_ROWS = Number(process.env.BENCH_DRILL_ROWS ?? 100_000);
const PG_URL = process.env.MINA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.MINA_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const reachable = (url) =>
  new Promise((resolve) => {
    const u = new URL(url);
    const s = connect({ host: u.hostname, port: Number(u.port) }, () => (s.destroy(), resolve(true)));
    s.on('error', () => resolve(false));
    s.setTimeout(1000, () => (s.destroy(), resolve(false)));
  });
const serversUp = (await reachable(PG_URL)) && (await reachable(REDIS_URL));

async function helloWorld() {
  const port = await lc.freePort();
  const logs = mkdtempSync(path.join(tmpdir(), 'mina-bench-hello-'));
  const pid = startDetached({ command: process.execPath, args: [path.join(root, 'scripts/bench/_hello-fastify.mjs')], shell: false, cwd: root, env: { ...process.env, PORT: String(port) }, logFile: path.join(logs, 'hello.log') });
  try {
    await waitReady({ url: `http://127.0.0.1:${port}/`, timeoutMs: 30_000, pid });
    const stats = await startLoad({ target: `http://127.0.0.1:${port}`, plan: { requests: [{ method: 'GET', path: '/' }] }, connections: CONNECTIONS, durationS: SECONDS, rate: null, maxRequests: 2_000_000, explicitHost: false }).done;
    return { rps: stats.throughputRps, p99: stats.latencyMs.p99, p95: stats.latencyMs.p95, errorRate: stats.errorRate };
  } finally {
    await stopGracefully(pid, 5000);
    rmSync(logs, { recursive: true, force: true });
  }
}

async function scratchDb() {
  const name = `mina_bench_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: PG_URL });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
    },
  };
}

async function reference(mode) {
  const project = mkdtempSync(path.join(tmpdir(), `mina-bench-${mode}-`));
  const target = lc.resolveTarget(project, { reference: true });
  const db = mode === 'server' ? await scratchDb() : null;
  if (mode === 'server') process.env.REDIS_PREFIX = `mina-bench-${randomBytes(3).toString('hex')}:`;
  try {
    await lc.up(target, mode === 'server' ? { port: 0, workers: 1, databaseUrl: db.url, redisUrl: REDIS_URL } : { port: 0, embedded: true });
    const { record: l } = await load(target, { durationS: SECONDS, connections: CONNECTIONS, rate: null, maxRequests: 2_000_000 });
    const { record: d } = await drill(target, { rows: DRILL_ROWS, loadSeconds: 5, connections: 4 });
    return { rps: l.throughputRps, p95: l.latencyMs.p95, p99: l.latencyMs.p99, errorRate: l.errorRate, drill: d };
  } finally {
    await lc.down(target);
    delete process.env.REDIS_PREFIX;
    await db?.drop();
    rmSync(project, { recursive: true, force: true });
  }
}

const hello = await helloWorld();
const rows = [['bare Fastify hello-world', hello]];
rows.push(['reference service, embedded (PGlite, 1 worker)', await reference('embedded')]);
if (serversUp) rows.push(['reference service, PostgreSQL + Redis (1 worker)', await reference('server')]);
else console.log('(PostgreSQL/Redis not reachable on this machine: server mode skipped)');

console.log(`\nload: ${CONNECTIONS} connections, ${SECONDS} s each, loopback; reference mix = 4 list reads : 1 note creation`);
console.log('| target | req/s | p95 ms | p99 ms | errors | throughput vs hello-world |');
console.log('|---|---|---|---|---|---|');
for (const [name, r] of rows) {
  console.log(`| ${name} | ${r.rps} | ${r.p95} | ${r.p99} | ${(r.errorRate * 100).toFixed(2)} % | ${(r.rps / hello.rps).toFixed(3)} |`);
}
console.log(`\ndrill with ${DRILL_ROWS} seeded rows (backup under load → kill -9 → wipe → restore → ready):`);
console.log('| mode | rows committed | rows lost | RTO ms | restore ms | start ms | backup ms | verified |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [, r] of rows.slice(1)) {
  const d = r.drill;
  console.log(`| ${d.mode} | ${d.rowsCommitted} | ${d.rowsLost} | ${d.rtoMs} | ${d.phasesMs.restore} | ${d.phasesMs.start} | ${d.phasesMs.backup} | ${d.verified}${d.error ? ` (${d.error})` : ''} |`);
}
process.exitCode = rows.slice(1).every(([, r]) => r.drill.verified) ? 0 : 1;
