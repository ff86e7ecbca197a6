/**
 * Commits and trees of a repository, from its object store: the tips of every ref, the commits
 * reachable from them, and per commit the files whose content changed against its first parent.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { readIfExists, type ObjectStore } from './object-store.js';

export interface Commit {
  oid: string;
  tree: string;
  parents: string[];
  /** Author time, seconds since the epoch. */
  time: number;
}

export interface ChangedFile {
  path: string;
  oldBlob: string | null;
  newBlob: string;
}

const OID = /^[0-9a-f]{40}$/;

/** HEAD and every ref under refs/ (loose and packed), annotated tags peeled to their commits. */
export function refTips(store: ObjectStore): string[] {
  const tips = new Set<string>();
  const add = (value: string | null | undefined) => {
    const v = value?.trim();
    if (v && OID.test(v)) tips.add(peel(store, v));
  };
  const head = readIfExists(path.join(store.gitDir, 'HEAD'))?.trim();
  if (head && OID.test(head)) add(head);
  const common = path.resolve(store.gitDir, readIfExists(path.join(store.gitDir, 'commondir'))?.trim() ?? '.');
  for (const dir of new Set([store.gitDir, common])) {
    walkRefs(path.join(dir, 'refs'), 0, add);
    for (const line of (readIfExists(path.join(dir, 'packed-refs')) ?? '').split('\n')) {
      if (!line.startsWith('#') && !line.startsWith('^')) add(line.split(' ')[0]);
    }
  }
  return [...tips];
}

function walkRefs(dir: string, depth: number, add: (v: string | null) => void): void {
  if (depth > 12) return;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const full = path.join(dir, name);
    try {
      const st = statSync(full);
      if (st.isDirectory()) walkRefs(full, depth + 1, add);
      else if (st.isFile() && st.size <= 256) add(readIfExists(full));
    } catch {
      // a ref that vanished or cannot be read
    }
  }
}

function peel(store: ObjectStore, oid: string): string {
  for (let i = 0; i < 8; i++) {
    const obj = store.read(oid);
    if (!obj || obj.type !== 'tag') return oid;
    const target = /^object ([0-9a-f]{40})/m.exec(obj.data.toString('latin1'))?.[1];
    if (!target) return oid;
    oid = target;
  }
  return oid;
}

export function parseCommit(store: ObjectStore, oid: string): Commit | null {
  const data = store.readType(oid, 'commit');
  if (!data) return null;
  const head = data.subarray(0, Math.max(0, data.indexOf('\n\n'))).toString('utf8');
  const tree = /^tree ([0-9a-f]{40})$/m.exec(head)?.[1];
  if (!tree) return null;
  const parents = [...head.matchAll(/^parent ([0-9a-f]{40})$/gm)].map((m) => m[1]);
  const time = Number(/^author .{0,1000}> (\d{1,12}) [+-]\d{4}$/m.exec(head)?.[1] ?? 0);
  return { oid, tree, parents, time };
}

/** Every commit reachable from `tips`, oldest first (by author time); at most `max` when max > 0. */
export function reachableCommits(store: ObjectStore, tips: string[], max: number, signal?: AbortSignal): Commit[] {
  const seen = new Set<string>();
  const stack = [...tips];
  const out: Commit[] = [];
  while (stack.length > 0 && (max === 0 || out.length < max)) {
    signal?.throwIfAborted();
    const oid = stack.pop()!;
    if (seen.has(oid)) continue;
    seen.add(oid);
    const commit = parseCommit(store, oid);
    if (!commit) continue; // shallow boundary or missing object
    out.push(commit);
    stack.push(...commit.parents);
  }
  return out.sort((a, b) => a.time - b.time);
}

interface TreeEntry {
  mode: string;
  oid: string;
}

function readTree(store: ObjectStore, oid: string): Map<string, TreeEntry> {
  const entries = new Map<string, TreeEntry>();
  const data = store.readType(oid, 'tree');
  if (!data) return entries;
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    const nul = data.indexOf(0, space + 1);
    if (space < 0 || nul < 0 || nul + 21 > data.length) break;
    entries.set(data.subarray(space + 1, nul).toString('utf8'), { mode: data.subarray(pos, space).toString('latin1'), oid: data.subarray(nul + 1, nul + 21).toString('hex') });
    pos = nul + 21;
  }
  return entries;
}

/** Regular files added or modified between two trees (null: the empty tree). */
export function changedFiles(store: ObjectStore, oldTree: string | null, newTree: string, prefix = '', out: ChangedFile[] = []): ChangedFile[] {
  if (oldTree === newTree) return out;
  const before = oldTree ? readTree(store, oldTree) : new Map<string, TreeEntry>();
  for (const [name, entry] of readTree(store, newTree)) {
    const full = prefix + name;
    const old = before.get(name);
    if (entry.mode === '40000') {
      changedFiles(store, old?.mode === '40000' ? old.oid : null, entry.oid, full + '/', out);
    } else if (entry.mode.startsWith('100') && old?.oid !== entry.oid) {
      out.push({ path: full, oldBlob: old?.mode.startsWith('100') ? old.oid : null, newBlob: entry.oid });
    }
  }
  return out;
}
