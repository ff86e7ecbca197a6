/**
 * The slice of `node:fs/promises` the collectors use. Injected so unit tests can run the walker on
 * memfs or on a wrapper that fails on purpose (EACCES cannot be provoked as root).
 */
import * as nodeFs from 'node:fs/promises';
import type { Dirent, Stats } from 'node:fs';

export type PathLike = string | Buffer;

export interface FsLike {
  readdir(path: PathLike, options: { withFileTypes: true; encoding?: 'utf8' }): Promise<Dirent[]>;
  readdir(path: PathLike, options: { withFileTypes: true; encoding: 'buffer' }): Promise<Dirent<Buffer>[]>;
  lstat(path: PathLike): Promise<Stats>;
  stat(path: PathLike): Promise<Stats>;
  realpath(path: PathLike): Promise<string>;
  readFile(path: PathLike): Promise<Buffer>;
}

export const realFs: FsLike = nodeFs as unknown as FsLike;
