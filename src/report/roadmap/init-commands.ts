/**
 * The `mina init` command that answers a check, for the roadmap's "how to fix": taken from the
 * scaffolds themselves (each names the checks it answers), so a new scaffold shows up here without
 * a list to keep. A check no scaffold answers has its README's and findings' hints instead.
 */
import { answeredChecks } from '../../init/scaffolds/index.js';

let scaffolded: Set<string> | null = null;

export function initCommandFor(checkId: string): string | null {
  scaffolded ??= answeredChecks();
  return scaffolded.has(checkId) ? `mina init --only ${checkId}` : null;
}
