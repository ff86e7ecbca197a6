/**
 * What the dependency collectors produce. A locked package is an exact version a lockfile (or a
 * `==` pin) installs; a declared requirement is what a manifest asks for, pinned or not.
 */
import type { Ecosystem } from '../../advisories/ecosystems.js';

export type LockKind =
  | 'package-lock'
  | 'npm-shrinkwrap'
  | 'yarn-classic'
  | 'yarn-berry'
  | 'pnpm-lock'
  | 'requirements'
  | 'pipfile-lock'
  | 'poetry-lock'
  | 'uv-lock'
  | 'pdm-lock'
  | 'bun-lock';

export interface LockedPackage {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  /** 1-based line of the package's entry in its file. */
  line: number;
  dev: boolean;
}

export interface LockFile {
  path: string;
  kind: LockKind;
  packages: LockedPackage[];
  /** Why the file, or part of it, could not be read (malformed, unsupported version). */
  problems: Array<{ line: number; message: string }>;
}

export type PinState = 'pinned' | 'range' | 'unpinned' | 'url';

export interface DeclaredRequirement {
  ecosystem: Ecosystem;
  name: string;
  /** The specifier as written (`>=1.0`, `^2.1`, `==0.12`), empty when none. */
  spec: string;
  pin: PinState;
  file: string;
  line: number;
}
