/**
 * The repository's host, owner and current branch, read from `.git/config` and `.git/HEAD` as
 * files. Running `git` in the target could execute its hooks or `core.fsmonitor`, so mina never
 * does; a missing or unreadable `.git` simply leaves them unknown.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { Detected } from '../model.js';

export interface GitInfo {
  host: string | null;
  owner: string | null;
  repo: string | null;
  branch: Detected<string>;
}

const MAX_BYTES = 64 * 1024;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

async function readSmall(file: string): Promise<string | null> {
  try {
    const handle = await open(file, 'r');
    try {
      const buf = Buffer.alloc(MAX_BYTES);
      const { bytesRead } = await handle.read(buf, 0, MAX_BYTES, 0);
      return buf.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

export async function readGitInfo(root: string): Promise<GitInfo> {
  let gitDir = path.join(root, '.git');
  const dotGit = await readSmall(gitDir);
  if (dotGit?.startsWith('gitdir:')) gitDir = path.resolve(root, dotGit.slice(7).trim());
  const head = (await readSmall(path.join(gitDir, 'HEAD')))?.trim() ?? '';
  const ref = /^ref:\s*refs\/heads\/([A-Za-z0-9._/-]{1,100})$/.exec(head)?.[1];
  const branch: Detected<string> = ref && !ref.includes('..') ? { value: ref, from: '.git/HEAD' } : { value: 'main', from: null };
  const remote = parseOriginUrl((await readSmall(path.join(gitDir, 'config'))) ?? '');
  return { ...(remote ?? { host: null, owner: null, repo: null }), branch };
}

/** `url` of `[remote "origin"]`: `git@github.com:acme/shop.git`, `https://github.com/acme/shop`, `ssh://git@host/acme/shop.git`. */
export function parseOriginUrl(config: string): { host: string; owner: string; repo: string } | null {
  let inOrigin = false;
  for (const raw of config.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) inOrigin = /^\[remote\s+"origin"\]$/.test(line);
    else if (inOrigin) {
      const url = /^url\s*=\s*(\S{1,500})$/.exec(line)?.[1];
      if (!url) continue;
      const m = /^(?:[a-z+]+:\/\/)?(?:[^@/\s]+@)?([A-Za-z0-9.-]+)(?::\d+)?[:/]([^/\s]+)\/([^/\s]+?)(?:\.git)?\/?$/.exec(url);
      if (m && NAME.test(m[2]) && NAME.test(m[3])) return { host: m[1].toLowerCase(), owner: m[2], repo: m[3] };
    }
  }
  return null;
}
