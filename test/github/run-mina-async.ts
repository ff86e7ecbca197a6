/**
 * Runs the built CLI without blocking this process: the loopback stand-ins the child talks to live
 * in the test process, so a synchronous spawn would leave them unable to answer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface AsyncRun {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

export function minaAsync(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): AsyncRun {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, NO_COLOR: '1', CI: 'true', GITHUB_TOKEN: undefined, GITHUB_API_URL: undefined, GITHUB_ACTIONS: undefined, ...options.env })) {
    if (v !== undefined) env[k] = v;
  }
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'mina.js'), ...args], { cwd: options.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const timer = setTimeout(() => child.kill("SIGKILL"), 110_000);
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return { child, done };
}
