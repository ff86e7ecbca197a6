#!/usr/bin/env node
/**
 * Operator commands that work on the database directly, with the service stopped (embedded mode)
 * or running (server mode): the backup CronJob, the restore runbook and `mina service` use them.
 *
 *   node src/ops/cli.js migrate
 *   node src/ops/cli.js backup  [--keep-days 14]      writes to BACKUP_DIR, prunes older backups
 *   node src/ops/cli.js restore --file BACKUP          into an empty schema
 *   node src/ops/cli.js wipe    --yes                  drops the service's schema and cache
 *   node src/ops/cli.js retention                      one run of the retention job
 *
 * Output is one JSON line on stdout (for scripts); errors go to stderr with exit code 1.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDependencies } from '../dependencies.js';
import { migrate } from '../db/migrate.js';
import { runRetention } from '../jobs/retention.js';
import { createLogger } from '../observability/logger.js';
import { writeBackup } from './backup-format.js';
import { restoreBackup } from './restore-into.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { file: { type: 'string' }, 'keep-days': { type: 'string' }, yes: { type: 'boolean' } },
});
const command = positionals[0];
const config = loadConfig();
const logger = createLogger(config, 2); // fd 2: stdout carries the JSON result

const commands = {
  migrate: async ({ db }) => ({ applied: await migrate(db, config.dbSchema) }),
  backup: async ({ db }) => {
    const result = await writeBackup(db, config.backupDir);
    const keepDays = values['keep-days'] === undefined ? null : Number(values['keep-days']);
    return { ...result, pruned: keepDays === null ? [] : prune(config.backupDir, keepDays, result.file) };
  },
  restore: async ({ db, cache }) => {
    if (!values.file) throw new Error('restore needs --file BACKUP');
    const result = await restoreBackup(db, config.dbSchema, path.resolve(values.file));
    await cache.clear(); // cached pages describe the data before the restore
    return result;
  },
  wipe: async ({ db, cache }) => {
    if (!values.yes) throw new Error(`wipe drops schema ${config.dbSchema} and every row in it: pass --yes`);
    await db.exec(`DROP SCHEMA IF EXISTS ${config.dbSchema} CASCADE`);
    await cache.clear();
    return { dropped: config.dbSchema };
  },
  retention: async ({ db }) => ({ deleted: await runRetention(db, config) }),
};

function prune(dir, keepDays, keep) {
  const cutoff = Date.now() - keepDays * 86_400_000;
  const removed = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!/^notes-.*\.ndjson\.gz$/.test(name) || file === keep) continue;
    if (statSync(file).mtimeMs < cutoff) {
      rmSync(file);
      removed.push(name);
    }
  }
  return removed;
}

if (!commands[command]) {
  process.stderr.write(`usage: cli.js <${Object.keys(commands).join('|')}> [--file F] [--keep-days N] [--yes]\n`);
  process.exit(2);
}
const deps = await openDependencies(config, logger);
try {
  const result = await commands[command](deps);
  process.stdout.write(`${JSON.stringify({ command, ...result })}\n`);
} catch (err) {
  process.stderr.write(`${command} failed: ${err.message}\n`);
  process.exitCode = 1;
} finally {
  await deps.close();
}
