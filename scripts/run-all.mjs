#!/usr/bin/env node
// Runs every script of a folder in name order (scripts/bench/*.mjs for `npm run bench`,
// scripts/eval/*.mjs for `npm run eval`), so adding a benchmark is adding a file.
// Extra arguments filter by file name: `npm run bench -- secrets`.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const kind = process.argv[2];
const filters = process.argv.slice(3);
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), kind);
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith('.mjs') && !f.startsWith('_'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
let failed = 0;
for (const script of scripts) {
  console.log(`\n=== ${kind}/${script} ===`);
  const r = spawnSync(process.execPath, [path.join(dir, script)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
