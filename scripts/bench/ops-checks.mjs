#!/usr/bin/env node
// Speed of the fourteen ops, privacy and testing checks (issue 8) and the facts they add (routes,
// schedules, Terraform, databases), on a generated monorepo of BENCH_SERVICES services (default
// 150): each a Flask or Express app with routes, a Celery/node-cron job, tests, docs, a CronJob and
// a coverage report, plus a hostile file (a 1 MB one-line script). Figures are medians over
// BENCH_RUNS cold runs (a fresh RepoContext each): the time for all fourteen checks, run one after
// the other, shared facts included. Needs a build (`npm run build`). The tree is generated once
// under the OS temp dir and reused.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVICES = Number(process.env.BENCH_SERVICES ?? 150);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TREE = path.join(os.tmpdir(), `mina-bench-ops-${SERVICES}`);
const dist = (p) => import(pathToFileURL(path.join(ROOT, 'dist', p)).href);
const IDS = ['privacy.policy', 'privacy.retention', 'privacy.subject-rights', 'audit.logging', 'monitoring.error-tracking', 'monitoring.health-endpoints', 'monitoring.metrics', 'monitoring.alerting', 'backups.scheduled', 'backups.restore-tested', 'incident.response', 'tests.present', 'tests.coverage', 'tests.load'];

if (!existsSync(path.join(ROOT, 'dist', 'checks', 'tests.load', 'index.js'))) {
  console.error('build first: npm run build');
  process.exit(2);
}

function put(rel, text) {
  const file = path.join(TREE, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function generate() {
  if (existsSync(path.join(TREE, '.bench-complete'))) return;
  rmSync(TREE, { recursive: true, force: true });
  for (let i = 0; i < SERVICES; i++) {
    const d = `services/svc${i}`;
    if (i % 2) {
      put(`${d}/requirements.txt`, 'flask==3.0.3\npsycopg2==2.9.9\nsentry-sdk==2.5.1\ncelery==5.4.0\n');
      put(`${d}/app/__init__.py`, `import os\nimport sentry_sdk\nfrom flask import Flask\nfrom .audit import audit\n\nsentry_sdk.init(dsn=os.environ.get("SENTRY_DSN"))\napp = Flask(__name__)\n\n${Array.from({ length: 20 }, (_, j) => `@app.get("/r${j}")\ndef r${j}():\n    audit("read", ${j})\n    return {"n": ${j}}\n`).join('\n')}\n@app.get("/healthz")\ndef healthz():\n    return "ok"\n`);
      put(`${d}/app/audit.py`, 'def audit(action, n):\n    pass\n');
      put(`${d}/app/tasks.py`, 'from celery import Celery\n\napp = Celery("x")\napp.conf.beat_schedule = {"purge": {"task": "app.tasks.purge", "schedule": 3600}}\n\n\n@app.task\ndef purge():\n    db.execute("DELETE FROM notes WHERE created_at < now() - interval \'30 days\'")\n');
      put(`${d}/tests/test_app.py`, Array.from({ length: 10 }, (_, j) => `def test_${j}():\n    assert ${j} == ${j}\n`).join('\n'));
      put(`${d}/coverage.xml`, `<?xml version="1.0" ?>\n<coverage lines-valid="1000" lines-covered="${800 + i}"><packages/></coverage>\n`);
    } else {
      put(`${d}/package.json`, '{"name":"svc","dependencies":{"express":"4.19.2","pg":"8.11.5","node-cron":"3.0.3"}}\n');
      put(`${d}/src/server.js`, `const express = require('express');\nconst cron = require('node-cron');\nconst app = express();\n${Array.from({ length: 20 }, (_, j) => `app.get('/r${j}', (req, res) => res.json(${j}));`).join('\n')}\napp.get('/readyz', (req, res) => res.send('ok'));\ncron.schedule('0 3 * * *', () => db.query("DELETE FROM events WHERE at < now() - interval '90 days'"));\napp.listen(3000);\n`);
      put(`${d}/src/server.test.js`, Array.from({ length: 10 }, (_, j) => `test('t${j}', () => expect(${j}).toBe(${j}));`).join('\n') + '\n');
    }
    put(`${d}/docs/runbook.md`, `# svc${i}\n\n## Deploy\nRun the pipeline.\n\n## Restore\n\`\`\`\npg_restore --dbname "$DATABASE_URL" latest.dump\n\`\`\`\n`);
    put(`${d}/k8s/backup.yaml`, `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: backup-${i}\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: b\n              image: postgres:16\n              command: ["sh", "-c", "pg_dump -Fc $DATABASE_URL -f /b/x.dump && find /b -mtime +7 -delete"]\n`);
  }
  put('PRIVACY.md', '# Privacy\n\n## What we collect\nEmail.\n\n## Retention\nNotes are kept 365 days.\n\n## Your rights\nAccess and erasure.\n\n## Contact\nprivacy@example.org\n');
  put('vendor-bundle/huge.js', `var a=${'1+'.repeat(500_000)}1;\n`);
  put('.bench-complete', '');
}

generate();
const { RepoContext } = await dist('src/context/repo-context.js');
const { DEFAULT_IGNORES } = await dist('src/context/walk.js');
const { runOne } = await dist('src/engine/run-checks.js');
const { DEFAULT_SETTINGS } = await dist('src/engine/check-api.js');
const checks = await Promise.all(IDS.map(async (id) => (await dist(`checks/${id}/index.js`)).default));
const defaults = (check) => Object.fromEntries(Object.entries(check.meta.optionsSchema?.properties ?? {}).filter(([, s]) => 'default' in s).map(([k, s]) => [k, s.default]));

const totals = [];
const per = Object.fromEntries(IDS.map((id) => [id, []]));
let files = 0;
let statuses = '';
for (let r = 0; r < RUNS; r++) {
  const started = performance.now();
  const repo = await RepoContext.create(TREE, { ignore: DEFAULT_IGNORES, maxFileSize: 2 * 1024 * 1024 });
  files = repo.files.length;
  const seen = [];
  for (const check of checks) {
    const t = performance.now();
    const res = await runOne({ check, id: check.meta.id, category: check.meta.category, weight: 1, severity: check.meta.severity, options: defaults(check), timeoutMs: 120_000, skipReason: null, readmePath: null }, repo, null, { ...DEFAULT_SETTINGS, offline: true });
    per[check.meta.id].push(performance.now() - t);
    seen.push(`${check.meta.id}=${res.status}`);
  }
  totals.push(performance.now() - started);
  statuses = seen.join(' ');
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`ops checks on ${SERVICES} generated services (${files} files), median of ${RUNS} cold runs: ${median(totals).toFixed(0)} ms for all fourteen`);
for (const id of IDS) console.log(`  ${id.padEnd(28)} ${median(per[id]).toFixed(0).padStart(6)} ms`);
console.log(`  statuses: ${statuses}`);
