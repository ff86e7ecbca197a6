#!/usr/bin/env node
// Speed of db.indexes on BENCH_MIGRATIONS generated Flyway migrations (default 500) in one folder:
// each creates a table with an inline foreign key and adds another with ALTER TABLE; the index for
// the first comes in the *next* file (every third one never does), the second is covered by a
// composite index on even steps only; functions with $$ bodies, views, inserts and one broken
// statement every 50 files fill the rest. The figure is the median over BENCH_RUNS cold runs (a
// fresh RepoContext each: walk, parse every file with libpg-query, replay, judge), and the run
// fails unless the findings are exactly the unindexed keys the generator left. Needs `npm run build`.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const N = Number(process.env.BENCH_MIGRATIONS ?? 500);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TREE = path.join(os.tmpdir(), `mina-bench-db-indexes-${N}`);
const dist = (p) => import(pathToFileURL(path.join(ROOT, 'dist', p)).href);

if (!existsSync(path.join(ROOT, 'dist', 'checks', 'db.indexes', 'index.js'))) {
  console.error('build first: npm run build');
  process.exit(2);
}

function generate() {
  const expected = new Set();
  rmSync(TREE, { recursive: true, force: true });
  mkdirSync(path.join(TREE, 'db', 'migration'), { recursive: true });
  for (let i = 0; i < N; i++) {
    const lines = [`-- step ${i}`];
    if (i > 0 && (i - 1) % 3 !== 0) lines.push(`CREATE INDEX t${i - 1}_parent_idx ON t${i - 1} (parent_id);`);
    lines.push(
      `CREATE TABLE t${i} (`,
      '  id bigserial PRIMARY KEY,',
      i > 0 ? `  parent_id bigint REFERENCES t${i - 1} (id) ON DELETE CASCADE,` : '  parent_id bigint,',
      '  owner_id bigint,',
      "  payload jsonb DEFAULT '{}'::jsonb,",
      '  created_at timestamptz NOT NULL DEFAULT now()',
      ');',
      `ALTER TABLE t${i} ADD CONSTRAINT t${i}_owner_fk FOREIGN KEY (owner_id) REFERENCES t0 (id);`,
      i % 2 === 0 ? `CREATE INDEX t${i}_owner_created_idx ON t${i} (owner_id, created_at DESC);` : `CREATE INDEX t${i}_created_idx ON t${i} (created_at, owner_id);`,
      `CREATE OR REPLACE FUNCTION touch_t${i}() RETURNS trigger AS $$ BEGIN NEW.created_at := now(); RETURN NEW; END; $$ LANGUAGE plpgsql;`,
      `CREATE VIEW v${i} AS SELECT id, payload->>'name' AS name FROM t${i} WHERE created_at > now() - interval '1 day';`,
      `INSERT INTO t${i} (payload) VALUES ('{"name": "step ${i}; not a statement end"}');`,
    );
    if (i % 50 === 49) lines.push(`CREATE TABL broken_${i} (id int);`);
    if (i > 0 && (i % 3 === 0 || i === N - 1)) expected.add(`t${i}.parent_id`);
    if (i % 2 === 1) expected.add(`t${i}.owner_id`);
    writeFileSync(path.join(TREE, 'db', 'migration', `V${i + 1}__step_${i}.sql`), lines.join('\n') + '\n');
  }
  return expected;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const expected = generate();
const { RepoContext } = await dist('src/context/repo-context.js');
const { DEFAULT_IGNORES } = await dist('src/context/walk.js');
const { runOne } = await dist('src/engine/run-checks.js');
const check = (await dist('checks/db.indexes/index.js')).default;
const settings = { offline: true, advisoryDb: null, databaseUrl: null, history: false };
const options = { statementTimeoutMs: 10000, seqScanMinRows: 10000, seqScanMinScans: 50 };

const times = [];
let last;
let warnings = 0;
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  const repo = await RepoContext.create(TREE, { ignore: DEFAULT_IGNORES, maxFileSize: 2 * 1024 * 1024 });
  last = await runOne({ check, id: 'db.indexes', category: 'performance', weight: 5, severity: 'high', options, timeoutMs: 120_000, skipReason: null, readmePath: null }, repo, null, settings);
  times.push(performance.now() - t0);
  if (process.env.BENCH_VERBOSE) console.log(`run ${i + 1}: ${times[i].toFixed(0)} ms`);
  warnings = repo.warnings.length;
}
const got = new Set(last.findings.filter((f) => f.id === 'fk-without-index').map((f) => f.message.split(':')[0]));
const missed = [...expected].filter((k) => !got.has(k));
const extra = [...got].filter((k) => !expected.has(k));
console.log(`tree: ${N} migration files, ${2 * N - 1} foreign keys (${TREE})`);
console.log(`db.indexes (walk + parse + replay + judge), median of ${RUNS} cold runs: ${median(times).toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)})`);
console.log(`findings: ${last.findings.length} (${expected.size} unindexed keys expected; ${missed.length} missed, ${extra.length} extra), score ${(last.score * 100).toFixed(1)}%, ${warnings} parse warnings`);
if (last.status === 'error' || missed.length || extra.length) {
  console.error(`FAILED: ${last.reason ?? ''} missed ${missed.slice(0, 5).join(', ')} extra ${extra.slice(0, 5).join(', ')}`);
  process.exit(1);
}
