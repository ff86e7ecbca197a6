/**
 * Starting, watching and stopping the service's processes. Each start is a detached process group
 * (its workers included), so a graceful stop is SIGTERM to the group and a crash is SIGKILL to it:
 * nothing of the service survives a drill's kill, as after a node failure.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, closeSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface StartSpec {
  command: string;
  args: string[];
  /** Run through `sh -c` (user commands from mina.yaml) rather than exec'd directly. */
  shell: boolean;
  cwd: string;
  env: Record<string, string>;
  logFile: string;
}

export function startDetached(spec: StartSpec): number {
  mkdirSync(path.dirname(spec.logFile), { recursive: true });
  const log = openSync(spec.logFile, 'a');
  try {
    const child = spec.shell
      ? spawn('/bin/sh', ['-c', spec.command], { cwd: spec.cwd, env: spec.env, detached: true, stdio: ['ignore', log, log] })
      : spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, detached: true, stdio: ['ignore', log, log] });
    if (child.pid === undefined) throw new Error(`could not start ${spec.command}`);
    child.unref();
    return child.pid;
  } finally {
    closeSync(log);
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/** SIGKILL to the whole group, then wait until the leader is gone. */
export async function killHard(pid: number): Promise<void> {
  signalGroup(pid, 'SIGKILL');
  await waitForExit(pid, 5000);
}

/** SIGTERM, wait `graceMs` for a clean exit, then SIGKILL. Returns whether it exited by itself. */
export async function stopGracefully(pid: number, graceMs: number): Promise<boolean> {
  if (!isAlive(pid)) return true;
  signalGroup(pid, 'SIGTERM');
  if (await waitForExit(pid, graceMs)) return true;
  await killHard(pid);
  return false;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    // Done when the leader and every worker in its group are gone.
    if (!isAlive(pid) && !groupAlive(pid)) return true;
    await sleep(50);
  }
  return !isAlive(pid) && !groupAlive(pid);
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export interface ReadyOptions {
  url: string;
  timeoutMs: number;
  /** Stop waiting as soon as this process has died. */
  pid?: number;
}

/** Polls the readiness URL until it answers 2xx; returns the milliseconds waited. */
export async function waitReady({ url, timeoutMs, pid }: ReadyOptions): Promise<number> {
  const started = Date.now();
  let last = 'no answer yet';
  while (Date.now() - started < timeoutMs) {
    if (pid !== undefined && !isAlive(pid)) throw new Error(`the service exited before it was ready (${last})`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) return Date.now() - started;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await sleep(100);
  }
  throw new Error(`not ready after ${timeoutMs} ms at ${url} (${last})`);
}
