/**
 * PostgreSQL SQL files, their schema statements parsed with PostgreSQL's own grammar (libpg_query
 * compiled to WASM). The file is split into statements by a linear scanner that honours quotes,
 * dollar-quoted bodies and comments; only `CREATE`/`ALTER`/`DROP` statements go to the parser, each
 * alone — so a broken statement costs only itself, and megabytes of `INSERT`s or `COPY` data cost
 * no parse at all. psql meta-commands, `COPY … FROM stdin` data and the down half of dbmate/goose
 * files are blanked first (lines kept, so positions still point at the original text).
 */
import { loadModule, parseSync } from 'libpg-query';
import { defineParser } from './parser.js';

export type PgNode = Record<string, unknown>;

export interface SqlStatement {
  /** `{ CreateStmt: {…} }`: one key, the statement kind. */
  stmt: PgNode;
  /** Byte offset of the statement's text in the file; node `location`s are relative to it. */
  offset: number;
}

export interface SqlFile {
  statements: SqlStatement[];
  errors: Array<{ line: number; message: string }>;
  /** 1-based line of a byte offset. */
  lineAt(byteOffset: number): number;
  /** Backquoted identifiers, `ENGINE=`, `AUTO_INCREMENT`: written for MySQL/MariaDB. */
  mysql: boolean;
}

let loaded: Promise<void> | null = null;

/** The WASM module loads once per process; call before parsing. */
export function loadPgsql(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

/** Statements that can shape the schema (and whose syntax errors are worth a warning). */
const SCHEMA_DDL = /^(create|alter|drop)\b/i;
/** Longer than any real DDL statement: not worth a parse (and a hostile one would block the run). */
const MAX_STATEMENT = 512 * 1024;

export const pgsqlParser = defineParser<SqlFile>('pgsql', (raw) => {
  const text = sanitize(raw);
  const starts = [0];
  const lineBytes: number[] = [];
  let bytes = 0;
  for (const line of text.split('\n')) {
    bytes += Buffer.byteLength(line) + 1;
    lineBytes.push(bytes);
  }
  for (let i = 0; i < lineBytes.length - 1; i++) starts.push(lineBytes[i]);
  const lineAt = (off: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= off) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const mysql = /`[A-Za-z_][\w$]{0,63}`|\bENGINE\s{0,8}=|\bAUTO_INCREMENT\b/i.test(text);
  const file: SqlFile = { statements: [], errors: [], lineAt, mysql };
  // DDL statements are parsed together in one call (text between them blanked, byte offsets and
  // lines kept); only when that fails is each parsed alone, to keep the good ones and locate the bad.
  const ddl: Array<{ head: number; end: number; offset: number }> = [];
  let byteAt = 0;
  let charAt = 0;
  for (const [start, end, head] of splitStatements(text)) {
    byteAt += Buffer.byteLength(text.slice(charAt, start));
    charAt = start;
    if (!SCHEMA_DDL.test(text.slice(head, head + 16))) continue;
    const offset = byteAt + Buffer.byteLength(text.slice(start, head));
    if (end - head > MAX_STATEMENT) file.errors.push({ line: lineAt(offset), message: `statement longer than ${MAX_STATEMENT} characters` });
    else ddl.push({ head, end, offset });
  }
  if (!ddl.length) return file;
  try {
    for (const st of parseSync(masked(text, ddl)).stmts ?? []) file.statements.push({ stmt: st.stmt as PgNode, offset: 0 });
    return file;
  } catch {
    // fall through: one statement at a time
  }
  for (const { head, end, offset } of ddl) {
    try {
      for (const st of parseSync(text.slice(head, end)).stmts ?? []) file.statements.push({ stmt: st.stmt as PgNode, offset });
    } catch (err) {
      file.errors.push({ line: lineAt(offset), message: (err as Error).message.slice(0, 200) });
    }
  }
  return file;
});

/** The text with everything outside `keep` blanked to as many spaces as it had UTF-8 bytes (line breaks kept). */
function masked(text: string, keep: ReadonlyArray<{ head: number; end: number }>): string {
  const parts: string[] = [];
  let at = 0;
  const blank = (from: number, to: number) => {
    const chunk = text.slice(from, to);
    parts.push(chunk.replace(/[^\n]/g, (ch) => ' '.repeat(Buffer.byteLength(ch))));
  };
  for (const k of keep) {
    blank(at, k.head);
    parts.push(text.slice(k.head, k.end));
    at = k.end;
  }
  return parts.join('');
}

/**
 * `[start, end, head]` of each `;`-terminated statement (character indices; `head` is where its
 * first token starts, after blanks and comments). Quotes ('…' with '' and E'\'' escapes, "…"),
 * dollar quotes ($$…$$, $tag$…$tag$) and comments (--, nested /* *\/) are skipped whole; an
 * unterminated one runs to the end of the file. Linear in the text.
 */
export function splitStatements(text: string): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  const n = text.length;
  let start = 0;
  let head = -1;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 45 /* - */ && text.charCodeAt(i + 1) === 45) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42) {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (text.charCodeAt(i) === 47 && text.charCodeAt(i + 1) === 42) (depth++, (i += 2));
        else if (text.charCodeAt(i) === 42 && text.charCodeAt(i + 1) === 47) (depth--, (i += 2));
        else i++;
      }
      continue;
    }
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) {
      i++;
      continue;
    }
    if (head < 0) head = i;
    if (c === 59 /* ; */) {
      out.push([start, i + 1, head]);
      start = i + 1;
      head = -1;
      i++;
    } else if (c === 39 /* ' */) {
      const escapes = i > 0 && (text[i - 1] === 'E' || text[i - 1] === 'e');
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (escapes && d === 92 /* \ */) i += 2;
        else if (d === 39 && text.charCodeAt(i + 1) === 39) i += 2;
        else if (d === 39) break;
        else i++;
      }
      i++;
    } else if (c === 34 /* " */) {
      const close = text.indexOf('"', i + 1);
      i = close < 0 ? n : close + 1;
    } else if (c === 36 /* $ */) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]{0,62})?\$/.exec(text.slice(i, i + 65));
      if (tag && !(i > 0 && /[A-Za-z0-9_]/.test(text[i - 1]))) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? n : close + tag[0].length;
      } else i++;
    } else i++;
  }
  if (head >= 0) out.push([start, n, head]);
  return out;
}

const DOWN_MARKER = /^\s{0,8}--\s{0,8}(migrate:down|\+goose\s{1,8}down)\b/i;
const UP_MARKER = /^\s{0,8}--\s{0,8}(migrate:up|\+goose\s{1,8}up)\b/i;
const COPY_STDIN = /^\s{0,8}COPY\s[^;]{0,2000}\bFROM\s{1,8}stdin\b/i;

/** Lines that are not SQL for the server: blanked, line breaks kept. */
function sanitize(text: string): string {
  const lines = text.split('\n');
  let down = false;
  let copy = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (copy) {
      if (line.replace(/\r$/, '') === '\\.') copy = false;
      lines[i] = '';
      continue;
    }
    if (DOWN_MARKER.test(line)) down = true;
    else if (UP_MARKER.test(line)) down = false;
    if (down || /^\s{0,8}\\/.test(line)) lines[i] = '';
    else if (line.length < 4096 && COPY_STDIN.test(line)) copy = true;
  }
  return lines.join('\n');
}
