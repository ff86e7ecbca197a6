#!/usr/bin/env node
// The six application-security checks on a generated service repository: BENCH_APPSEC_FILES
// (default 3,000) realistic Python and TypeScript modules — Flask blueprints with SQLAlchemy
// sessions and env reads, Express routers with pg pools and cors options — plus Dockerfile,
// Procfile, Compose and Kubernetes manifests. Reports the median over BENCH_RUNS runs (default 5)
// of: walking + parsing every source (the shared code index) and each check on top of it, as wall
// time and as this process's CPU time (user + system), which a busy shared machine does not inflate.
// Needs a build (`npm run build`); imports dist/.
import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const FILES = Number(process.env.BENCH_APPSEC_FILES ?? 3000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TREE = path.join(os.tmpdir(), `mina-bench-appsec-${FILES}`);
const IDS = ['cors.wildcard', 'app.debug-disabled', 'ratelimit.distributed', 'db.session-safety', 'security.transport', 'secrets.management'];

const py = (i) => `import os

from flask import Blueprint, jsonify, request
from sqlalchemy import text

from app.db import Session

bp${i} = Blueprint("bp${i}", __name__)
LIMIT = int(os.environ.get("PAGE_LIMIT_${i}", "50"))


@bp${i}.get("/items/${i}")
def list_${i}():
    session = Session()
    try:
        rows = session.execute(text("select * from items where shard = :s limit :l"), {"s": ${i}, "l": LIMIT}).all()
        return jsonify([dict(r._mapping) for r in rows])
    finally:
        session.close()


@bp${i}.post("/items/${i}")
def create_${i}():
    payload = request.get_json(force=True)
    with Session() as session:
        session.execute(text("insert into items(shard, body) values (:s, :b)"), {"s": ${i}, "b": payload})
        session.commit()
    return "", 201
`;
const ts = (i) => `import { Router } from 'express';
import cors from 'cors';
import { pool } from '../db.js';

export const router${i} = Router();
const origins = process.env.CORS_ORIGINS_${i}?.split(',') ?? [];
router${i}.use(cors({ origin: origins, credentials: true }));

router${i}.get('/orders/${i}', async (req, res, next) => {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT * FROM orders WHERE shard = $1 LIMIT 50', [${i}]);
    res.json(rows);
  } catch (err) {
    next(err);
  } finally {
    client.release();
  }
});
`;

function generate() {
  if (existsSync(path.join(TREE, '.complete'))) return;
  rmSync(TREE, { recursive: true, force: true });
  const write = (rel, text) => {
    mkdirSync(path.dirname(path.join(TREE, rel)), { recursive: true });
    writeFileSync(path.join(TREE, rel), text);
  };
  for (let i = 0; i < FILES; i++) {
    if (i % 2 === 0) write(`app/views/mod${Math.floor(i / 100)}/v${i}.py`, py(i));
    else write(`web/src/routes/mod${Math.floor(i / 100)}/r${i}.ts`, ts(i));
  }
  write('app/db.py', 'import os\nfrom sqlalchemy import create_engine\nfrom sqlalchemy.orm import scoped_session, sessionmaker\nengine = create_engine(os.environ["DATABASE_URL"])\nSession = scoped_session(sessionmaker(bind=engine))\n');
  write('app/__init__.py', 'from flask import Flask\nfrom flask_limiter import Limiter\nfrom flask_limiter.util import get_remote_address\nfrom flask_talisman import Talisman\napp = Flask(__name__)\nTalisman(app)\nlimiter = Limiter(get_remote_address, app=app, storage_uri="redis://redis:6379")\n');
  write('web/src/db.ts', "import { Pool } from 'pg';\nexport const pool = new Pool({ max: 20 });\n");
  write('Procfile', 'web: gunicorn -w 4 app:app\n');
  write('Dockerfile', 'FROM python:3.12-slim\nCOPY . /app\nCMD ["gunicorn", "-w", "4", "app:app"]\n');
  write('k8s/deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: app }\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: app\n          image: app:1\n          envFrom:\n            - secretRef: { name: app }\n');
  write('.complete', '');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
generate();
const { RepoContext } = await import(path.join(ROOT, 'dist/src/context/repo-context.js'));
const { DEFAULT_IGNORES } = await import(path.join(ROOT, 'dist/src/context/walk.js'));
const { runOne } = await import(path.join(ROOT, 'dist/src/engine/run-checks.js'));
const { codeIndexFact } = await import(path.join(ROOT, 'dist/src/facts/code/index.js'));
const checks = await Promise.all(IDS.map(async (id) => (await import(path.join(ROOT, `dist/checks/${id}/index.js`))).default));
const times = { index: [], ...Object.fromEntries(IDS.map((id) => [id, []])), total: [] };
const cpu = { index: [], ...Object.fromEntries(IDS.map((id) => [id, []])), total: [] };
const cpuMs = (since) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const statuses = {};
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const repo = await RepoContext.create(TREE, { ignore: DEFAULT_IGNORES, maxFileSize: 2 * 1024 * 1024 });
  await repo.fact(codeIndexFact);
  times.index.push(performance.now() - t0);
  cpu.index.push(cpuMs(c0));
  for (const check of checks) {
    const t = performance.now();
    const c = process.cpuUsage();
    const r = await runOne({ check, id: check.meta.id, category: 'security', weight: 1, severity: check.meta.severity, options: {}, timeoutMs: 600_000, skipReason: null, readmePath: null }, repo, null);
    times[check.meta.id].push(performance.now() - t);
    cpu[check.meta.id].push(cpuMs(c));
    statuses[check.meta.id] = `${r.status}${r.findings.length ? ` (${r.findings.length} findings)` : ''}`;
  }
  times.total.push(performance.now() - t0);
  cpu.total.push(cpuMs(c0));
}
console.log(`appsec checks on ${FILES} generated sources (+ deploy files), median of ${RUNS} runs`);
const row = (label, key, extra = '') => console.log(`  ${label.padEnd(45)} ${median(times[key]).toFixed(0).padStart(6)} ms wall ${median(cpu[key]).toFixed(0).padStart(6)} ms cpu  ${extra}`);
row('walk + parse all sources (shared code index)', 'index');
for (const id of IDS) row(id, id, statuses[id]);
row('total', 'total');
