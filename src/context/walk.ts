/**
 * Walks the target tree once. Every scanned file is treated as hostile: symlinks are never followed
 * out of the root (and symlinked directories never at all, so loops cannot recurse), unreadable
 * entries and oversized files are recorded with a reason instead of failing the run, and names that
 * are not valid UTF-8 are kept as raw bytes so they can still be read.
 */
import path from 'node:path';
import type { Dirent } from 'node:fs';
import { realFs, type FsLike, type PathLike } from './fs-like.js';
import { IgnoreStack } from './ignore-stack.js';

export interface FileEntry {
  /** Relative to the root, POSIX separators; undecodable bytes shown as U+FFFD. */
  path: string;
  /** What to hand to fs: a Buffer when the on-disk name is not valid UTF-8. */
  abs: PathLike;
  size: number;
}

export interface SkippedEntry {
  path: string;
  reason: string;
}

export interface WalkOptions {
  fs?: FsLike;
  /** gitignore-style patterns relative to the root (defaults plus `ignore:` from mina.yaml). */
  ignore?: readonly string[];
  /** The root's path relative to the directory the `ignore` patterns are written for. */
  ignoreBase?: string;
  maxFileSize: number;
  /** Honour `.gitignore` files found in the tree. */
  gitignore?: boolean;
}

export interface WalkResult {
  files: FileEntry[];
  skipped: SkippedEntry[];
}

/**
 * VCS data, installed dependencies, mina's own run records (its drill results stay visible to
 * checks), and the backups `mina init --force` keeps of files it replaced: the old Dockerfile in
 * `Dockerfile.mina-bak` is not a Dockerfile of the repository any more.
 */
export const DEFAULT_IGNORES = ['.git/', 'node_modules/', '**/.mina/history.jsonl', '**/.mina/last-report.json', '*.mina-bak', '*.mina-bak.[0-9]*'];

const CONCURRENCY = 64;

export async function walk(root: string, options: WalkOptions): Promise<WalkResult> {
  const fs = options.fs ?? realFs;
  const rootReal = await fs.realpath(root);
  const files: FileEntry[] = [];
  const skipped: SkippedEntry[] = [];
  const useGitignore = options.gitignore ?? true;

  interface Dir {
    abs: PathLike;
    rel: string;
    ignores: IgnoreStack;
  }
  const queue: Dir[] = [{ abs: rootReal, rel: '', ignores: IgnoreStack.root(options.ignore ?? DEFAULT_IGNORES, options.ignoreBase) }];
  const pendingStats: Promise<void>[] = [];

  const visitDir = async (dir: Dir): Promise<void> => {
    let entries: Array<{ name: string; abs: PathLike; dirent: Dirent | Dirent<Buffer> }>;
    try {
      entries = await listDir(fs, dir.abs);
    } catch (err) {
      skipped.push({ path: dir.rel || '.', reason: `directory unreadable (${errCode(err)})` });
      return;
    }
    let ignores = dir.ignores;
    if (useGitignore && entries.some((e) => e.name === '.gitignore' && e.dirent.isFile())) {
      try {
        const text = (await fs.readFile(join(dir.abs, '.gitignore'))).toString('utf8');
        ignores = ignores.child(dir.rel, text);
      } catch (err) {
        skipped.push({ path: joinRel(dir.rel, '.gitignore'), reason: `unreadable (${errCode(err)})` });
      }
    }
    for (const entry of entries) {
      const rel = joinRel(dir.rel, entry.name);
      const abs = entry.abs;
      const d = entry.dirent;
      if (d.isDirectory()) {
        if (!ignores.ignored(rel, true)) queue.push({ abs, rel, ignores });
      } else if (d.isFile()) {
        if (ignores.ignored(rel, false)) continue;
        // a promise per file is most of the walk's garbage on trees of many small files
        if (fs.lstatSync) statFile(rel, abs, fs.lstatSync);
        else pendingStats.push(addFile(rel, abs));
      } else if (d.isSymbolicLink()) {
        if (!ignores.ignored(rel, false)) pendingStats.push(addLink(rel, abs));
      }
      // sockets, FIFOs and devices are never read: reading a FIFO would block forever
    }
  };

  const addFile = async (rel: string, abs: PathLike): Promise<void> => {
    try {
      const st = await fs.lstat(abs);
      pushSized(rel, abs, st.size);
    } catch (err) {
      skipped.push({ path: rel, reason: `unreadable (${errCode(err)})` });
    }
  };

  const statFile = (rel: string, abs: PathLike, lstatSync: NonNullable<FsLike['lstatSync']>): void => {
    try {
      pushSized(rel, abs, lstatSync(abs).size);
    } catch (err) {
      skipped.push({ path: rel, reason: `unreadable (${errCode(err)})` });
    }
  };

  const addLink = async (rel: string, abs: PathLike): Promise<void> => {
    let target: string;
    try {
      target = await fs.realpath(abs);
    } catch (err) {
      const code = errCode(err);
      skipped.push({ path: rel, reason: code === 'ELOOP' ? 'symlink loop' : `broken symlink (${code})` });
      return;
    }
    if (target !== rootReal && !target.startsWith(rootReal + path.sep)) {
      skipped.push({ path: rel, reason: 'symlink points outside the root' });
      return;
    }
    try {
      const st = await fs.stat(abs);
      if (st.isDirectory()) skipped.push({ path: rel, reason: 'symlink to a directory (not followed)' });
      else if (st.isFile()) pushSized(rel, abs, st.size);
    } catch (err) {
      skipped.push({ path: rel, reason: `unreadable (${errCode(err)})` });
    }
  };

  const pushSized = (rel: string, abs: PathLike, size: number): void => {
    if (size > options.maxFileSize) {
      skipped.push({ path: rel, reason: `larger than the size limit (${size} > ${options.maxFileSize} bytes)` });
    } else {
      files.push({ path: rel, abs, size });
    }
  };

  // Breadth-first with bounded parallelism: deep trees do not recurse on the stack.
  while (queue.length > 0) {
    const batch = queue.splice(0, CONCURRENCY);
    await Promise.all(batch.map(visitDir));
    if (pendingStats.length > 4 * CONCURRENCY) await Promise.all(pendingStats.splice(0));
  }
  await Promise.all(pendingStats);

  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  skipped.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { files, skipped };
}

async function listDir(fs: FsLike, dir: PathLike) {
  const dirents = await fs.readdir(dir, { withFileTypes: true });
  if (!dirents.some((d) => d.name.includes('\uFFFD'))) {
    return dirents.map((d) => ({ name: d.name, abs: join(dir, d.name), dirent: d }));
  }
  // Some name is not valid UTF-8: list again as bytes so the entry can still be opened.
  const raw = await fs.readdir(dir, { withFileTypes: true, encoding: 'buffer' });
  return raw.map((d) => {
    const bytes = d.name as unknown as Buffer;
    return { name: bytes.toString('utf8'), abs: join(dir, bytes), dirent: d };
  });
}

function join(dir: PathLike, name: PathLike): PathLike {
  // a listed name is never empty, `.`, `..` or holds a separator: nothing for path.join to normalise
  if (typeof dir === 'string' && typeof name === 'string') return dir.endsWith(path.sep) ? dir + name : dir + path.sep + name;
  const d = typeof dir === 'string' ? Buffer.from(dir) : dir;
  const n = typeof name === 'string' ? Buffer.from(name) : name;
  return Buffer.concat([d, Buffer.from(path.sep), n]);
}

function joinRel(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}

export function errCode(err: unknown): string {
  return (err as NodeJS.ErrnoException)?.code ?? (err as Error)?.message ?? String(err);
}
