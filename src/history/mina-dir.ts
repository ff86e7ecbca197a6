/**
 * The target's `.mina/` folder, where mina keeps what it learns about a repository between runs.
 * The target is hostile: `.mina` or a file in it may be a symlink planted to make mina write
 * elsewhere (append to a shell profile, overwrite a key), so mina only uses a real directory and
 * opens files in it without following links.
 */
import { constants } from 'node:fs';
import { lstat, mkdir, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

export const MINA_DIR = '.mina';

/** `.mina` under the root, created if missing; throws when it exists as anything but a directory. */
export async function minaDir(root: string, create: boolean): Promise<string | null> {
  const dir = path.join(root, MINA_DIR);
  try {
    const st = await lstat(dir);
    if (!st.isDirectory()) throw new Error(`${MINA_DIR} is not a plain directory (a symlink or a file); not writing into it`);
    return dir;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    if (!create) return null;
    await mkdir(dir, { recursive: true });
    return dir;
  }
}

/** Opens without following a symlink at the last component (ELOOP if it is one). */
export function openNoFollow(file: string, mode: 'append' | 'read'): Promise<FileHandle> {
  const flags =
    mode === 'append'
      ? constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW
      : constants.O_RDONLY | constants.O_NOFOLLOW;
  return open(file, flags, 0o644);
}
