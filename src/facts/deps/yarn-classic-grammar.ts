/**
 * The yarn v1 lockfile syntax (not YAML): indentation-nested blocks of `key value` lines, block
 * headers with comma-separated, optionally quoted keys ending in `:`. A line scanner with real
 * string tokens — quoted keys can hold `:`, `,` and escaped quotes.
 */

export interface YarnClassicEntry {
  /** The header's keys, e.g. ["lodash@^4.17.15", "lodash@^4.17.21"]. */
  selectors: string[];
  line: number;
  fields: Record<string, string>;
}

export interface YarnClassicLock {
  entries: YarnClassicEntry[];
  problems: Array<{ line: number; message: string }>;
}

interface Token {
  text: string;
  quoted: boolean;
}

/** Splits one line's content into tokens; commas and a trailing colon are separate tokens. */
function tokenize(content: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  while (i < content.length) {
    const c = content[i];
    if (c === ' ' || c === '\t') {
      i++;
    } else if (c === ',' || (c === ':' && i === content.length - 1)) {
      out.push({ text: c, quoted: false });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let text = '';
      while (j < content.length && content[j] !== '"') {
        if (content[j] === '\\' && j + 1 < content.length) j++;
        text += content[j++];
      }
      if (j >= content.length) return null;
      out.push({ text, quoted: true });
      i = j + 1;
    } else {
      let j = i;
      while (j < content.length && !' \t,'.includes(content[j])) j++;
      let text = content.slice(i, j);
      // "lodash@^4.17.15:" — a header's colon sticks to its last bare key
      if (j === content.length && text.endsWith(':') && text.length > 1) {
        text = text.slice(0, -1);
        out.push({ text, quoted: false }, { text: ':', quoted: false });
      } else {
        out.push({ text, quoted: false });
      }
      i = j;
    }
  }
  return out;
}

export function parseYarnClassic(text: string): YarnClassicLock {
  const entries: YarnClassicEntry[] = [];
  const problems: YarnClassicLock['problems'] = [];
  let current: YarnClassicEntry | null = null;
  // the indentation of the entry's own fields; deeper blocks (dependencies:) are not needed
  let fieldIndent = -1;
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n].replace(/\r$/, '');
    const content = raw.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    const indent = raw.length - content.length;
    const tokens = tokenize(content);
    if (!tokens) {
      problems.push({ line: n + 1, message: 'unterminated string' });
      continue;
    }
    const isHeader = tokens[tokens.length - 1]?.text === ':' && !tokens[tokens.length - 1].quoted;
    if (indent === 0) {
      if (!isHeader) {
        problems.push({ line: n + 1, message: 'expected an entry header ending in ":"' });
        current = null;
        continue;
      }
      const selectors = tokens.slice(0, -1).filter((t) => !(t.text === ',' && !t.quoted)).map((t) => t.text);
      current = { selectors, line: n + 1, fields: {} };
      entries.push(current);
      fieldIndent = -1;
      continue;
    }
    if (!current) continue;
    if (fieldIndent < 0) fieldIndent = indent;
    if (indent !== fieldIndent || isHeader) continue;
    if (tokens.length >= 2) current.fields[tokens[0].text] = tokens[1].text;
  }
  return { entries, problems };
}
