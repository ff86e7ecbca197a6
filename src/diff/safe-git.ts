/**
 * Runs read-only git commands in a repository mina does not trust. A repository's own config can
 * name programs git runs on its behalf (core.fsmonitor, diff drivers, textconv filters, a pager,
 * hooks), so every one of them is switched off on the command line, which outranks the repository's
 * config, and no shell is ever involved.
 */
import { execFile } from 'node:child_process';

const DISARM = [
  '-c', 'core.fsmonitor=',
  '-c', 'core.hooksPath=/dev/null',
  '-c', 'core.pager=cat',
  '-c', 'diff.external=',
  '-c', 'core.quotePath=false',
  '-c', 'core.untrackedCache=false',
  '--no-pager',
];

export class GitError extends Error {}

export function safeGit(cwd: string, args: readonly string[], maxBuffer = 256 * 1024 * 1024): Promise<string> {
  // GIT_DIR and friends from the caller's environment would point git somewhere else entirely
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_')));
  Object.assign(env, { GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_PAGER: 'cat', LC_ALL: 'C' });
  return new Promise((resolve, reject) => {
    execFile('git', [...DISARM, ...args], { cwd, env, maxBuffer, encoding: 'utf8', timeout: 120_000, windowsHide: true }, (err, stdout, stderr) => {
      if (err) reject(new GitError((stderr || err.message).trim().split('\n')[0]));
      else resolve(stdout);
    });
  });
}
