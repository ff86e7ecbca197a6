#!/usr/bin/env node
// Scale (issue 13): `mina check` on a generated monorepo at 1×, 4× and 10× its size, printing wall
// time and peak memory (maxRSS of the child, from /usr/bin/time -v when present, else
// process.resourceUsage of a wrapper) at each, and how both grow against the file count: cost must
// grow at most linearly. Then the worker-thread speed-up of the per-file secrets scan at 10×.
// Needs a build (`npm run build`). Trees are generated under the OS temp dir and removed after.
// BENCH_SCALE_UNIT sets the services per 1× (default 15), BENCH_SCALE_RUNS the runs per size (median).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const MINA = path.join(ROOT, 'bin', 'mina.js');
const UNIT = Number(process.env.BENCH_SCALE_UNIT ?? 15);
const RUNS = Number(process.env.BENCH_SCALE_RUNS ?? 3);
const FACTORS = [1, 4, 10];

let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const NOUNS = ['user', 'order', 'invoice', 'session', 'account', 'product', 'cart', 'payment', 'report', 'team'];

function put(root, rel, text) {
  const abs = path.join(root, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, text);
}

/** One service: a Node or a Python web app with routes, a Dockerfile, manifests, migrations and tests. */
function service(root, i) {
  const dir = `services/svc${i}`;
  const node = i % 2 === 0;
  if (node) {
    put(root, `${dir}/package.json`, JSON.stringify({ name: `svc${i}`, version: '1.0.0', dependencies: { express: '^4.18.2', pg: '^8.11.0', pino: '^8.0.0' }, devDependencies: { vitest: '^1.0.0' } }, null, 2));
    for (let f = 0; f < 12; f++) {
      const n = pick(NOUNS);
      const lines = [`import express from 'express';`, `import { pool } from '../db.js';`, `export const router = express.Router();`];
      for (let r = 0; r < 25; r++) lines.push(`router.get('/${n}/${r}', async (req, res) => {\n  const { rows } = await pool.query('SELECT * FROM ${n} WHERE id = $1', [req.params.id]);\n  res.json(rows);\n});`);
      put(root, `${dir}/src/routes/${n}${f}.js`, lines.join('\n') + '\n');
    }
    put(root, `${dir}/src/db.js`, "import pg from 'pg';\nexport const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });\n");
    put(root, `${dir}/src/server.js`, "import express from 'express';\nconst app = express();\napp.get('/healthz', (req, res) => res.send('ok'));\napp.listen(process.env.PORT ?? 3000);\n");
    put(root, `${dir}/test/app.test.js`, "import { it, expect } from 'vitest';\nit('works', () => expect(1).toBe(1));\n");
  } else {
    put(root, `${dir}/pyproject.toml`, `[project]\nname = "svc${i}"\nversion = "1.0.0"\ndependencies = ["flask>=3.0", "sqlalchemy>=2.0", "gunicorn>=21"]\n`);
    for (let f = 0; f < 12; f++) {
      const n = pick(NOUNS);
      const lines = ['from flask import Blueprint, jsonify', 'from .db import session', `bp = Blueprint("${n}${f}", __name__)`];
      for (let r = 0; r < 25; r++) lines.push(`\n@bp.route("/${n}/${r}")\ndef get_${n}_${r}(id=None):\n    row = session.execute("SELECT * FROM ${n} WHERE id = :id", {"id": id}).first()\n    return jsonify(dict(row or {}))`);
      put(root, `${dir}/app/views_${n}${f}.py`, lines.join('\n') + '\n');
    }
    put(root, `${dir}/app/db.py`, 'from sqlalchemy import create_engine\nfrom sqlalchemy.orm import scoped_session, sessionmaker\nengine = create_engine("postgresql://localhost/app", pool_size=5)\nsession = scoped_session(sessionmaker(bind=engine))\n');
    put(root, `${dir}/tests/test_app.py`, 'def test_ok():\n    assert 1 == 1\n');
  }
  put(root, `${dir}/Dockerfile`, `FROM ${node ? 'node:20.11-slim' : 'python:3.12-slim'}\nWORKDIR /app\nCOPY . .\nUSER 1000\nCMD ${node ? '["node", "src/server.js"]' : '["gunicorn", "-w", "4", "app:app"]'}\n`);
  put(root, `${dir}/k8s/deployment.yaml`, `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc${i}\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/acme/svc${i}:1.0.0\n          resources:\n            limits: { cpu: 500m, memory: 256Mi }\n`);
  for (let m = 0; m < 4; m++) {
    const n = pick(NOUNS);
    put(root, `${dir}/migrations/00${m}_${n}.sql`, `CREATE TABLE ${n}_${m} (id bigserial PRIMARY KEY, owner_id bigint REFERENCES account(id), created_at timestamptz NOT NULL DEFAULT now());\nCREATE INDEX ON ${n}_${m} (owner_id);\n`);
  }
  put(root, `${dir}/README.md`, `# svc${i}\n\nServes ${pick(NOUNS)} data. See docs/runbooks.\n`);
}

function generate(factor) {
  const root = path.join(os.tmpdir(), `mina-bench-scale-${UNIT}x${factor}-${process.pid}`);
  rmSync(root, { recursive: true, force: true });
  seed = 7;
  put(root, '.github/workflows/ci.yml', 'on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm test\n');
  put(root, 'package.json', JSON.stringify({ name: 'mono', private: true, workspaces: ['services/*'] }, null, 2));
  for (let i = 0; i < UNIT * factor; i++) service(root, i);
  return root;
}

const hasGnuTime = existsSync('/usr/bin/time');

function runOnce(root, env = {}) {
  const args = [MINA, 'check', root, '--format', 'json', '--offline', '--no-history', '--no-baseline'];
  const started = process.hrtime.bigint();
  const r = hasGnuTime
    ? spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, ...env } })
    : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, ...env } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`mina check exited ${r.status}: ${r.stderr.slice(-2000)}`);
  const report = JSON.parse(r.stdout);
  // /usr/bin/time reports the child's peak; without it, the peak of any child this process waited for
  const kb = hasGnuTime ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]) : process.resourceUsage().maxRSS;
  const secrets = report.checks.find((c) => c.id === 'secrets.hardcoded');
  return { ms, mb: kb / 1024, files: report.inputs.files, secretsMs: secrets?.durationMs ?? 0 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(root, env) {
  const runs = Array.from({ length: RUNS }, () => runOnce(root, env));
  return { ms: median(runs.map((r) => r.ms)), mb: Math.max(...runs.map((r) => r.mb)), files: runs[0].files, secretsMs: median(runs.map((r) => r.secretsMs)) };
}

if (!existsSync(path.join(ROOT, 'dist', 'src', 'cli.js'))) {
  console.error('scale: run `npm run build` first');
  process.exit(2);
}
console.log(`mina check at 1×, 4×, 10× a generated monorepo (${UNIT} services per 1×), median of ${RUNS} runs, ${os.availableParallelism()} cores`);
console.log('size   files   wall s   ms/file   peak MB   time growth   files growth   memory growth');
const rows = [];
let biggest = null;
for (const factor of FACTORS) {
  const root = generate(factor);
  const m = measure(root);
  rows.push({ factor, ...m });
  const base = rows[0];
  console.log(
    `${String(factor).padStart(3)}×  ${String(m.files).padStart(6)}  ${(m.ms / 1000).toFixed(2).padStart(7)}  ${(m.ms / m.files).toFixed(2).padStart(8)}  ${m.mb.toFixed(0).padStart(8)}  ${(m.ms / base.ms).toFixed(2).padStart(11)}×  ${(m.files / base.files).toFixed(2).padStart(12)}×  ${(m.mb / base.mb).toFixed(2).padStart(12)}×`,
  );
  if (factor === FACTORS[FACTORS.length - 1]) biggest = root;
  else rmSync(root, { recursive: true, force: true });
}
const first = rows[0];
const last = rows[rows.length - 1];
const superLinear = last.ms / first.ms > (last.files / first.files) * 1.25;
console.log(`time per file: ${(first.ms / first.files).toFixed(2)} ms at 1×, ${(last.ms / last.files).toFixed(2)} ms at 10× — ${superLinear ? 'GROWS FASTER THAN LINEAR' : 'at most linear'}`);

// Worker threads: the secrets scan is the per-file work spread over threads. Its own threshold
// (32 MB of text) may leave this tree single-threaded, so both settings are forced through mina.yaml.
const withWorkers = (n) => put(biggest, 'mina.yaml', `checks:\n  secrets.hardcoded:\n    options:\n      workers: ${n}\n`);
const threads = Math.min(4, os.availableParallelism());
withWorkers(threads);
const threaded = measure(biggest);
withWorkers(0);
const single = measure(biggest);
// The check's own duration is wall time shared with every other check on the event loop, so the
// speed-up that counts is the whole run's.
console.log(`secrets scan at 10×: whole run ${(single.ms / 1000).toFixed(2)} s on one thread, ${(threaded.ms / 1000).toFixed(2)} s with ${threads} worker threads (${(single.ms / threaded.ms).toFixed(2)}× speed-up; the check's wall time ${single.secretsMs} ms vs ${threaded.secretsMs} ms)`);
rmSync(biggest, { recursive: true, force: true });
process.exit(superLinear ? 1 : 0);
