/** Runs one operator command (backup, restore, verify...) to completion, with a time limit. */
import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

const MAX_OUTPUT = 1 << 20;

export function runCommand(
  cmd: { command: string; args?: string[]; shell?: boolean },
  opts: { cwd: string; env: Record<string, string>; timeoutMs: number },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = cmd.shell
      ? spawn('/bin/sh', ['-c', cmd.command], { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
      : spawn(cmd.command, cmd.args ?? [], { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-MAX_OUTPUT)));
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-MAX_OUTPUT)));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // exited meanwhile
      }
      reject(new Error(`${describe(cmd)} timed out after ${opts.timeoutMs} ms`));
    }, opts.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

/** Runs and insists on exit code 0; the error carries the end of stderr. */
export async function runChecked(cmd: { command: string; args?: string[]; shell?: boolean }, opts: { cwd: string; env: Record<string, string>; timeoutMs: number }): Promise<string> {
  const r = await runCommand(cmd, opts);
  if (r.code !== 0) throw new Error(`${describe(cmd)} exited ${r.code}: ${r.stderr.trim().split('\n').slice(-3).join(' | ') || 'no output'}`);
  return r.stdout;
}

function describe(cmd: { command: string; args?: string[] }): string {
  return [cmd.command, ...(cmd.args ?? [])].join(' ').slice(0, 120);
}
