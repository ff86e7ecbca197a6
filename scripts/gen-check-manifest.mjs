#!/usr/bin/env node
// Build step (after tsc): writes dist/checks/manifest.json — every built-in check's metadata,
// generated from the checks themselves (never hand-kept). At run time the registry reads it and
// imports a check's code only when the check actually runs, so a command that runs few checks
// (or none: `mina checks`, `mina rubric validate`) does not pay for loading every parser.
import { readdirSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'checks');
const ids = readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'index.js')))
  .map((d) => d.name)
  .sort();
const checks = [];
for (const id of ids) {
  const mod = await import(pathToFileURL(path.join(dir, id, 'index.js')).href);
  const meta = mod.default?.meta;
  if (!meta || meta.id !== id) throw new Error(`checks/${id}: default export must be a check whose meta.id is "${id}"`);
  checks.push({ meta, hasApplies: typeof mod.default.applies === 'function', hasPrepare: typeof mod.default.prepare === 'function' });
}
writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ generated: 'by scripts/gen-check-manifest.mjs — do not edit', checks }, null, 1) + '\n');
console.log(`check manifest: ${checks.length} checks`);
