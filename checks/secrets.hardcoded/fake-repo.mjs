// Test-time fixtures with provider-format secrets. Realistic tokens are never committed (push
// protection would block them, and mina's own scan would find them): they are generated from a
// seed into a temporary folder when a test module loads, and removed after.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeValues, rng } from '../../scripts/eval/_secrets-values.mjs';

export const values = makeValues(rng(7));

const made = [];

/** Writes `files` (path → lines) into a new temporary folder and returns it. */
export function fakeRepo(files) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mina-secrets-'));
  made.push(dir);
  for (const [rel, lines] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), lines.join('\n') + '\n');
  }
  return dir;
}

export function removeFakeRepos() {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function pem(label, lines = 8) {
  return [`-----BEGIN ${label}-----`, ...values.pem(lines), `-----END ${label}-----`];
}
