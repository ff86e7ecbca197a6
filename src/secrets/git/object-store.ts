/**
 * A read-only view of a repository's object database, read from `.git` files directly: loose
 * objects (zlib), packfiles through their indexes, and `objects/info/alternates`. Running `git`
 * in a scanned repository could execute its hooks or `core.fsmonitor`, so mina never does.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { PackFile, type GitObject, type ObjectType } from './pack.js';

const OID = /^[0-9a-f]{40}$/;

export class ObjectStore {
  private readonly packs: PackFile[] = [];
  private readonly objectDirs: string[] = [];
  private readonly cache = new Map<string, GitObject>();
  private cacheBytes = 0;

  private constructor(
    readonly gitDir: string,
    private readonly maxBytes: number,
  ) {}

  /** The store of the repository at `root`, or null when there is no readable `.git`. */
  static open(root: string, maxBytes: number): ObjectStore | null {
    const gitDir = findGitDir(root);
    if (!gitDir) return null;
    const store = new ObjectStore(gitDir, maxBytes);
    const common = readIfExists(path.join(gitDir, 'commondir'))?.trim();
    const objects = path.resolve(gitDir, common ?? '.', 'objects');
    store.addObjectDir(objects, 0);
    return store;
  }

  /** `extensions.objectFormat = sha256` repositories use 32-byte ids this reader does not handle. */
  get sha256(): boolean {
    return /objectformat\s*=\s*sha256/i.test(readIfExists(path.join(this.gitDir, 'config')) ?? '');
  }

  read(oid: string): GitObject | null {
    if (!OID.test(oid)) return null;
    const hit = this.cache.get(oid);
    if (hit) return hit;
    const obj = this.readUncached(oid);
    if (obj && obj.type !== 'blob') this.remember(oid, obj);
    return obj;
  }

  readType(oid: string, type: ObjectType): Buffer | null {
    const obj = this.read(oid);
    return obj && obj.type === type ? obj.data : null;
  }

  close(): void {
    for (const p of this.packs) p.close();
  }

  private readUncached(oid: string): GitObject | null {
    for (const dir of this.objectDirs) {
      const loose = path.join(dir, oid.slice(0, 2), oid.slice(2));
      if (existsSync(loose)) return this.readLoose(loose);
    }
    for (const pack of this.packs) {
      if (!pack.has(oid)) continue;
      try {
        return pack.read(oid);
      } catch {
        return null; // a corrupt entry is skipped, not fatal
      }
    }
    return null;
  }

  private readLoose(file: string): GitObject | null {
    try {
      if (statSync(file).size > this.maxBytes + 1024) return null;
      const raw = inflateSync(readFileSync(file), { maxOutputLength: this.maxBytes + 64 });
      const nul = raw.indexOf(0);
      const [type] = raw.subarray(0, nul).toString('latin1').split(' ');
      if (nul < 0 || !['commit', 'tree', 'blob', 'tag'].includes(type)) return null;
      return { type: type as ObjectType, data: raw.subarray(nul + 1) };
    } catch {
      return null;
    }
  }

  private addObjectDir(dir: string, depth: number): void {
    if (depth > 4 || this.objectDirs.includes(dir) || !existsSync(dir)) return;
    this.objectDirs.push(dir);
    const packDir = path.join(dir, 'pack');
    for (const name of existsSync(packDir) ? readdirSync(packDir) : []) {
      if (!name.endsWith('.idx')) continue;
      const pack = path.join(packDir, name.slice(0, -4) + '.pack');
      if (!existsSync(pack)) continue;
      try {
        this.packs.push(new PackFile(path.join(packDir, name), pack, (oid) => this.read(oid), this.maxBytes));
      } catch {
        // an unreadable or truncated index: its objects are simply not found
      }
    }
    const alternates = readIfExists(path.join(dir, 'info', 'alternates')) ?? '';
    for (const line of alternates.split('\n')) {
      const alt = line.trim();
      if (alt && !alt.startsWith('#')) this.addObjectDir(path.resolve(dir, alt), depth + 1);
    }
  }

  /** Trees and commits are read again and again while diffing; blobs are read once. */
  private remember(oid: string, obj: GitObject): void {
    this.cache.set(oid, obj);
    this.cacheBytes += obj.data.length;
    for (const [k, v] of this.cache) {
      if (this.cacheBytes <= 64 * 1024 * 1024) break;
      this.cache.delete(k);
      this.cacheBytes -= v.data.length;
    }
  }
}

export function findGitDir(root: string): string | null {
  const dotGit = path.join(root, '.git');
  try {
    if (statSync(dotGit).isDirectory()) return dotGit;
    const pointer = readFileSync(dotGit, 'utf8');
    if (pointer.startsWith('gitdir:')) return path.resolve(root, pointer.slice(7).trim());
  } catch {
    // no .git at all
  }
  return null;
}

export function readIfExists(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
