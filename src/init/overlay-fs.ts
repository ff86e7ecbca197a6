/**
 * The repository as it would be after `mina init`: the real tree with the planned files laid over
 * it, in memory. Checks run on it (through a RepoContext on this file system) to predict each
 * check's result before anything is written — `--dry-run` shows that prediction, and the plan
 * never claims a fix the checks would not confirm.
 */
import path from 'node:path';
import type { Dirent, Stats } from 'node:fs';
import { realFs, type FsLike, type PathLike } from '../context/fs-like.js';

export function overlayFs(root: string, files: ReadonlyMap<string, string>, base: FsLike = realFs): FsLike {
  const virtual = new Map<string, Buffer>();
  const dirs = new Map<string, Set<string>>();
  for (const [rel, content] of files) {
    const abs = path.join(root, ...rel.split('/'));
    virtual.set(abs, Buffer.from(content, 'utf8'));
    for (let child = abs, dir = path.dirname(abs); child !== root && dir.startsWith(root); child = dir, dir = path.dirname(dir)) {
      if (!dirs.has(dir)) dirs.set(dir, new Set());
      dirs.get(dir)!.add(path.basename(child));
    }
  }
  const str = (p: PathLike) => path.resolve(p.toString());

  const fs = {
    async readdir(p: PathLike, options: { withFileTypes: true; encoding?: 'utf8' | 'buffer' }) {
      const abs = str(p);
      const extra = dirs.get(abs);
      let real: Dirent[] = [];
      try {
        real = (await base.readdir(p, options as { withFileTypes: true })) as Dirent[];
      } catch (err) {
        if (!extra) throw err;
      }
      if (!extra) return real;
      const names = new Set([...extra]);
      const kept = real.filter((d) => !names.has(d.name.toString()));
      const added = [...extra].map((name) => dirent(name, virtual.has(path.join(abs, name)), options.encoding === 'buffer'));
      return [...kept, ...added];
    },
    async lstat(p: PathLike) {
      return statOf(str(p)) ?? base.lstat(p);
    },
    async stat(p: PathLike) {
      return statOf(str(p)) ?? base.stat(p);
    },
    async realpath(p: PathLike) {
      const abs = str(p);
      return virtual.has(abs) || (dirs.has(abs) && !(await exists(base, p))) ? abs : base.realpath(p);
    },
    async readFile(p: PathLike) {
      return virtual.get(str(p)) ?? base.readFile(p);
    },
  };

  function statOf(abs: string): Stats | null {
    const file = virtual.get(abs);
    if (file) return fakeStats(true, file.length);
    return dirs.has(abs) ? fakeStats(false, 0) : null;
  }
  return fs as unknown as FsLike;
}

async function exists(fs: FsLike, p: PathLike): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}

function dirent(name: string, file: boolean, buffer: boolean): Dirent {
  return {
    name: buffer ? Buffer.from(name) : name,
    isFile: () => file,
    isDirectory: () => !file,
    isSymbolicLink: () => false,
    isBlockDevice: () => false,
    isCharacterDevice: () => false,
    isFIFO: () => false,
    isSocket: () => false,
  } as unknown as Dirent;
}

function fakeStats(file: boolean, size: number): Stats {
  return { size, isFile: () => file, isDirectory: () => !file, isSymbolicLink: () => false } as unknown as Stats;
}
