/**
 * `.env`-style files: `KEY=value`, `export KEY=value`, quoted values, `#` comments. Lines that are
 * not assignments are skipped, so a malformed file yields what it can.
 */
import { defineParser } from './parser.js';

export interface DotenvEntry {
  name: string;
  value: string;
  line: number;
}

const LINE = /^\s{0,64}(?:export\s{1,16})?([A-Za-z_][A-Za-z0-9_.-]{0,255})\s{0,16}[=:]\s{0,16}(.*)$/;

export const dotenvParser = defineParser<DotenvEntry[]>('dotenv', (text) => {
  const out: DotenvEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].replace(/\r$/, '');
    if (raw.length > 65536 || /^\s*(#|$)/.test(raw)) continue;
    const m = LINE.exec(raw);
    if (!m) continue;
    out.push({ name: m[1], value: unquote(m[2]), line: i + 1 });
  }
  return out;
});

function unquote(v: string): string {
  const t = v.trim();
  const q = t[0];
  if ((q === '"' || q === "'") && t.indexOf(q, 1) > 0) return t.slice(1, t.indexOf(q, 1));
  const hash = t.search(/\s#/);
  return hash >= 0 ? t.slice(0, hash).trim() : t;
}
