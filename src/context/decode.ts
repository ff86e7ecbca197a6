/**
 * Turns file bytes into text the checks can read, or says why not. Binary detection follows git's
 * heuristic (a NUL byte early in the file); UTF-16 is recognised by its byte-order mark.
 */
export type Decoded = { text: string } | { skip: string };

const SNIFF_BYTES = 8000;
const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

export function decode(bytes: Uint8Array): Decoded {
  const encoding = encodingOf(bytes);
  if (encoding === 'binary') return { skip: 'binary file' };
  return encoding === 'utf-8' ? { text: utf8.decode(bytes) } : utf16(bytes, encoding);
}

/** How `decode` would read these bytes, without decoding them (a scan of raw UTF-8 asks first). */
export function encodingOf(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | 'binary' {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // Buffer#indexOf is memchr: several times faster than a loop over the first 8,000 bytes
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SNIFF_BYTES));
  return head.indexOf(0) === -1 ? 'utf-8' : 'binary';
}

function utf16(bytes: Uint8Array, label: 'utf-16le' | 'utf-16be'): Decoded {
  try {
    return { text: new TextDecoder(label, { fatal: true }).decode(bytes) };
  } catch {
    return { skip: `invalid ${label.toUpperCase()} text` };
  }
}
