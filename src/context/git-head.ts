/**
 * The commit the target is at, read from `.git` files directly. Running `git` in a scanned
 * repository could execute its hooks or `core.fsmonitor`, so mina never does.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

export async function readHeadCommit(root: string): Promise<string | null> {
  try {
    let gitDir = path.join(root, '.git');
    const dotGit = await readFile(gitDir, 'utf8').catch(() => null);
    if (dotGit?.startsWith('gitdir:')) gitDir = path.resolve(root, dotGit.slice(7).trim());
    const head = (await readFile(path.join(gitDir, 'HEAD'), 'utf8')).trim();
    if (SHA.test(head)) return head;
    const ref = /^ref:\s*(refs\/[^\s]+)$/.exec(head)?.[1];
    if (!ref || ref.includes('..')) return null;
    const loose = await readFile(path.join(gitDir, ref), 'utf8').catch(() => null);
    if (loose && SHA.test(loose.trim())) return loose.trim();
    const packed = await readFile(path.join(gitDir, 'packed-refs'), 'utf8').catch(() => '');
    for (const line of packed.split('\n')) {
      const [sha, name] = line.trim().split(' ');
      if (name === ref && SHA.test(sha)) return sha;
    }
  } catch {
    // not a git repository, or an unreadable one: the commit is simply unknown
  }
  return null;
}
