/**
 * Shared steps of the init tests: copy a fixture repository to a temp dir, run init in-process
 * with the real checks (from their sources), evaluate a tree the way `mina check` does, and take
 * byte-exact snapshots of a tree to prove what changed and what did not.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { createEvaluator, type Evaluation } from '../../src/init/evaluate.js';
import { answeredChecks } from '../../src/init/scaffolds/index.js';
import { runInit, type InitOptions, type InitOutcome } from '../../src/init/run-init.js';
import type { PromptStreams } from '../../src/init/prompts.js';
import { sourceChecks } from './source-checks.js';

export const FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures', 'init');

const temps: string[] = [];
afterAll(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** A fresh copy of `test/fixtures/init/<name>` in a temp dir whose last segment is `<name>`. */
export function copyFixture(name: string): string {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'mina-init-test-'));
  temps.push(parent);
  const dir = path.join(parent, name);
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

export function emptyTempDir(name = 'repo'): string {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'mina-init-test-'));
  temps.push(parent);
  const dir = path.join(parent, name);
  mkdirSync(dir);
  return dir;
}

export async function init(dir: string, options: InitOptions = {}, prompts: PromptStreams | null = null): Promise<InitOutcome & { output: string }> {
  let output = '';
  const outcome = await runInit(dir, { yes: prompts === null, color: false, registry: await sourceChecks(), ...options }, { out: (t) => (output += t), prompts });
  return { ...outcome, output };
}

/** Every rubric check (and every check init answers), run on the tree as it is on disk. */
export async function evaluate(dir: string): Promise<Evaluation> {
  const evaluator = await createEvaluator(dir, { registry: await sourceChecks(), alsoRun: answeredChecks() });
  return evaluator.evaluate(await evaluator.context());
}

/** path → sha256 and mode of every file under `dir`. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (abs: string, rel: string) => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const p = path.join(abs, e.name);
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p, r);
      else out.set(r, `${createHash('sha256').update(readFileSync(p)).digest('hex')} ${(statSync(p).mode & 0o777).toString(8)}`);
    }
  };
  walk(dir, '');
  return out;
}
