/**
 * Reads objects out of a git packfile through its `.idx` (versions 1 and 2), resolving
 * OFS_DELTA/REF_DELTA chains. Every length and offset comes from a file we do not trust, so each
 * one is bounds-checked and inflation is capped at the declared size.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { applyDelta } from './delta.js';

export type ObjectType = 'commit' | 'tree' | 'blob' | 'tag';
export interface GitObject {
  type: ObjectType;
  data: Buffer;
}

const TYPES: Record<number, ObjectType> = { 1: 'commit', 2: 'tree', 3: 'blob', 4: 'tag' };
const OFS_DELTA = 6;
const REF_DELTA = 7;
const MAX_CHAIN = 64;

export class PackFile {
  private readonly fd: number;
  private readonly packSize: number;
  /** Object id (hex) → offset in the pack. */
  private readonly offsets = new Map<string, number>();
  /** Each entry's end: the next entry's offset (sorted), so inflation gets exactly its bytes. */
  private readonly ends = new Map<number, number>();
  /** Resolved objects by offset: delta chains share their bases. */
  private readonly resolved = new Map<number, GitObject>();
  private resolvedBytes = 0;

  constructor(
    idxPath: string,
    packPath: string,
    private readonly resolveRef: (oid: string) => GitObject | null,
    private readonly maxBytes: number,
  ) {
    this.fd = openSync(packPath, 'r');
    this.packSize = fstatSync(this.fd).size;
    parseIndex(readFileSync(idxPath), this.offsets);
    const sorted = [...this.offsets.values()].sort((a, b) => a - b);
    sorted.forEach((o, i) => this.ends.set(o, i + 1 < sorted.length ? sorted[i + 1] : this.packSize - 20));
  }

  has(oid: string): boolean {
    return this.offsets.has(oid);
  }

  *ids(): Iterable<string> {
    yield* this.offsets.keys();
  }

  read(oid: string): GitObject | null {
    const offset = this.offsets.get(oid);
    return offset === undefined ? null : this.readAt(offset, 0);
  }

  close(): void {
    closeSync(this.fd);
  }

  private readAt(offset: number, depth: number): GitObject | null {
    const hit = this.resolved.get(offset);
    if (hit) return hit;
    const obj = this.inflateAt(offset, depth);
    if (obj) {
      this.resolved.set(offset, obj);
      this.resolvedBytes += obj.data.length;
      for (const [k, v] of this.resolved) {
        if (this.resolvedBytes <= 32 * 1024 * 1024) break;
        this.resolved.delete(k);
        this.resolvedBytes -= v.data.length;
      }
    }
    return obj;
  }

  private inflateAt(offset: number, depth: number): GitObject | null {
    if (depth > MAX_CHAIN || offset < 12 || offset >= this.packSize) return null;
    const end = this.ends.get(offset) ?? Math.min(this.packSize, offset + this.maxBytes + 1024);
    const length = end - offset;
    if (length <= 0 || length > this.maxBytes * 2 + 1024) return null;
    const buf = Buffer.allocUnsafe(length);
    readSync(this.fd, buf, 0, length, offset);
    let pos = 0;
    let c = buf[pos++];
    const type = (c >> 4) & 7;
    let size = c & 15;
    let shift = 4;
    while (c & 0x80 && pos < buf.length) {
      c = buf[pos++];
      size += (c & 0x7f) * 2 ** shift;
      shift += 7;
    }
    if (size > this.maxBytes) return null;
    let base: GitObject | null = null;
    if (type === OFS_DELTA) {
      c = buf[pos++];
      let rel = c & 0x7f;
      while (c & 0x80 && pos < buf.length) {
        c = buf[pos++];
        rel = (rel + 1) * 128 + (c & 0x7f);
      }
      base = this.readAt(offset - rel, depth + 1);
    } else if (type === REF_DELTA) {
      base = this.resolveRef(buf.subarray(pos, pos + 20).toString('hex'));
      pos += 20;
    } else if (!TYPES[type]) {
      return null;
    }
    const data = inflateSync(buf.subarray(pos), { maxOutputLength: Math.max(size, 1) });
    if (type === OFS_DELTA || type === REF_DELTA) {
      if (!base) return null;
      const out = applyDelta(base.data, data, this.maxBytes);
      return out ? { type: base.type, data: out } : null;
    }
    return { type: TYPES[type], data };
  }
}

function parseIndex(idx: Buffer, into: Map<string, number>): void {
  const v2 = idx.length >= 8 && idx.readUInt32BE(0) === 0xff744f63;
  if (v2 && idx.readUInt32BE(4) !== 2) throw new Error('unsupported pack index version');
  const fanout = v2 ? 8 : 0;
  if (idx.length < fanout + 1024) throw new Error('truncated pack index');
  const count = idx.readUInt32BE(fanout + 255 * 4);
  if (!v2) {
    if (idx.length < 1024 + count * 24) throw new Error('truncated pack index');
    for (let i = 0; i < count; i++) {
      const at = 1024 + i * 24;
      into.set(idx.subarray(at + 4, at + 24).toString('hex'), idx.readUInt32BE(at));
    }
    return;
  }
  const names = fanout + 1024;
  const offsets = names + count * 20 + count * 4;
  const large = offsets + count * 4;
  if (idx.length < large) throw new Error('truncated pack index');
  for (let i = 0; i < count; i++) {
    let off = idx.readUInt32BE(offsets + i * 4);
    if (off & 0x80000000) {
      const at = large + (off & 0x7fffffff) * 8;
      if (at + 8 > idx.length) continue;
      off = Number(idx.readBigUInt64BE(at));
    }
    into.set(idx.subarray(names + i * 20, names + i * 20 + 20).toString('hex'), off);
  }
}
