/** Runs the built CLI as a user would, without a TTY, and captures what it printed. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');

export interface MinaRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function mina(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): MinaRun {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'mina.js'), ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeout: 240_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}
