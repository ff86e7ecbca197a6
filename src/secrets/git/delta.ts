/**
 * Applies a git delta (copy-from-base / insert instructions) to its base object. Returns null on
 * any inconsistency instead of reading or writing out of bounds.
 */
export function applyDelta(base: Buffer, delta: Buffer, maxBytes: number): Buffer | null {
  let pos = 0;
  const varint = (): number => {
    let value = 0;
    let shift = 0;
    let c: number;
    do {
      if (pos >= delta.length) return -1;
      c = delta[pos++];
      value += (c & 0x7f) * 2 ** shift;
      shift += 7;
    } while (c & 0x80);
    return value;
  };
  const baseSize = varint();
  const size = varint();
  if (baseSize !== base.length || size < 0 || size > maxBytes) return null;
  const out = Buffer.allocUnsafe(size);
  let written = 0;
  while (pos < delta.length) {
    const op = delta[pos++];
    if (op & 0x80) {
      let off = 0;
      let len = 0;
      for (let b = 0; b < 4; b++) if (op & (1 << b)) off += delta[pos++] * 2 ** (8 * b);
      for (let b = 0; b < 3; b++) if (op & (0x10 << b)) len += delta[pos++] * 2 ** (8 * b);
      if (len === 0) len = 0x10000;
      if (pos > delta.length) return null;
      if (off + len > base.length || written + len > size) return null;
      base.copy(out, written, off, off + len);
      written += len;
    } else if (op > 0) {
      if (pos + op > delta.length || written + op > size) return null;
      delta.copy(out, written, pos, pos + op);
      pos += op;
      written += op;
    } else {
      return null;
    }
  }
  return written === size ? out : null;
}
