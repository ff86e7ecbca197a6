/**
 * A temporary folder for a remote checkout that is removed however the run ends: normally, by a
 * throw, or by Ctrl-C / SIGTERM / SIGHUP. On a signal the work in flight is aborted (which kills a
 * running git), given a moment to stop writing, the folders are removed synchronously and the
 * process exits with 128 + the signal number, as a shell would report it.
 *
 * The checkout goes one level down (`<tmp>/mina-github-XXXX/repo`) next to an empty `mina.yaml`, so
 * that looking for configuration upwards from a repository without one stops inside the temporary
 * folder instead of reaching a `mina.yaml` someone planted in the shared temp directory.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface TempCheckout {
  /** Where to clone to (does not exist yet). */
  dir: string;
  signal: AbortSignal;
}

interface Live {
  root: string;
  controller: AbortController;
  settled: Promise<unknown>;
}

const live = new Set<Live>();
const SIGNALS: Record<string, number> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };
/** How long a signal waits for aborted work (git) to stop before removing the folders anyway. */
const STOP_GRACE_MS = 3000;
let installed = false;

export async function withTempCheckout<T>(work: (checkout: TempCheckout) => Promise<T>, prefix = 'mina-github-'): Promise<T> {
  const root = mkdtempSync(path.join(os.tmpdir(), prefix));
  writeFileSync(path.join(root, 'mina.yaml'), '# a boundary for mina.yaml lookups from the checkout below\n{}\n', { mode: 0o600 });
  const controller = new AbortController();
  let done!: () => void;
  const entry: Live = { root, controller, settled: new Promise<void>((r) => (done = r)) };
  live.add(entry);
  install();
  try {
    return await work({ dir: path.join(root, 'repo'), signal: controller.signal });
  } finally {
    done();
    live.delete(entry);
    await rm(root, { recursive: true, force: true, maxRetries: 3 });
    if (live.size === 0) uninstall();
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  for (const sig of Object.keys(SIGNALS)) process.on(sig, onSignal);
  process.on('exit', removeAllNow);
}

function uninstall(): void {
  installed = false;
  for (const sig of Object.keys(SIGNALS)) process.off(sig, onSignal);
  process.off('exit', removeAllNow);
}

let stopping = false;

function onSignal(signal: NodeJS.Signals): void {
  if (stopping) return; // a second Ctrl-C while cleaning up changes nothing
  stopping = true;
  process.stderr.write(`mina: ${signal}: removing the temporary checkout\n`);
  const entries = [...live];
  for (const e of entries) e.controller.abort(new Error(`interrupted by ${signal}`));
  const grace = new Promise((r) => setTimeout(r, STOP_GRACE_MS).unref());
  void Promise.race([Promise.allSettled(entries.map((e) => e.settled)), grace]).then(() => {
    removeAllNow();
    process.exit(128 + (SIGNALS[signal] ?? 1));
  });
}

function removeAllNow(): void {
  for (const e of live) {
    try {
      rmSync(e.root, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // nothing more can be done while exiting
    }
  }
}
