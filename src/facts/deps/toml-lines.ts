/**
 * smol-toml parses TOML exactly but reports no positions; this finds the line of each
 * `[[name]]` array-of-tables header so the n-th parsed table gets the n-th header's line.
 * Multi-line strings are tracked so a header-looking line inside one is not counted.
 */
import { parse, TomlError } from 'smol-toml';
import { defineParser } from '../../context/parsers/parser.js';

export type TomlFile = { value: Record<string, unknown>; error: null; text: string } | { value: null; error: { message: string; line: number }; text: string };

export const tomlParser = defineParser<TomlFile>('toml', (text) => {
  try {
    return { value: parse(text) as Record<string, unknown>, error: null, text };
  } catch (err) {
    const line = err instanceof TomlError ? err.line : 1;
    return { value: null, error: { message: (err as Error).message.split('\n')[0], line }, text };
  }
});

export function arrayTableLines(text: string, name: string): number[] {
  const lines: number[] = [];
  let open: '"""' | "'''" | null = null;
  const rows = text.split('\n');
  for (let n = 0; n < rows.length; n++) {
    const row = rows[n];
    if (open === null) {
      const t = row.trim();
      if (t.startsWith('[[') && t.slice(2, t.indexOf(']]')).trim() === name) lines.push(n + 1);
    }
    open = multilineState(row, open);
  }
  return lines;
}

/** Whether a multi-line string is open after this line, given whether one was open before it. */
function multilineState(row: string, open: '"""' | "'''" | null): '"""' | "'''" | null {
  let state = open;
  let i = 0;
  while (i < row.length) {
    if (state) {
      const close = row.indexOf(state, i);
      if (close < 0) return state;
      i = close + 3;
      state = null;
      continue;
    }
    const c = row[i];
    if (c === '#') return null;
    if (row.startsWith('"""', i) || row.startsWith("'''", i)) {
      state = row.slice(i, i + 3) as '"""' | "'''";
      i += 3;
    } else if (c === '"' || c === "'") {
      // a one-line string: skip to its closing quote (basic strings honour backslash escapes)
      let j = i + 1;
      while (j < row.length && row[j] !== c) j += c === '"' && row[j] === '\\' ? 2 : 1;
      i = j + 1;
    } else {
      i++;
    }
  }
  return state;
}
