/**
 * PostgreSQL SQL files parsed with PostgreSQL's own grammar (libpg_query compiled to WASM). A file
 * that does not parse whole is split into statements by PostgreSQL's scanner and each statement is
 * parsed alone, so one broken statement (a Flyway placeholder, a MySQL-ism) costs that statement,
 * never the file. psql meta-commands, `COPY … FROM stdin` data and the down half of dbmate/goose
 * files are blanked first (lines are kept, so positions still point at the original text).
 */
import { loadModule, parseSync, scanSync } from 'libpg-query';
import { defineParser } from './parser.js';

export type PgNode = Record<string, unknown>;

export interface SqlStatement {
  /** `{ CreateStmt: {…} }`: one key, the statement kind. */
  stmt: PgNode;
  /** Byte offset that node `location`s are relative to (0 when the file parsed whole). */
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

export const pgsqlParser = defineParser<SqlFile>('pgsql', (raw) => {
  const text = sanitize(raw);
  const bytes = Buffer.from(text, 'utf8');
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) starts.push(i + 1);
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
  try {
    for (const s of parseSync(text).stmts ?? []) file.statements.push({ stmt: s.stmt as PgNode, offset: 0 });
    return file;
  } catch {
    // fall through: statement by statement
  }
  let pieces: Array<[number, number]>;
  try {
    pieces = splitStatements(text);
  } catch (err) {
    file.errors.push({ line: 1, message: `cannot tokenise the file (${(err as Error).message.slice(0, 120)})` });
    return file;
  }
  for (const [start, end] of pieces) {
    const piece = bytes.subarray(start, end).toString('utf8');
    if (!piece.trim()) continue;
    try {
      for (const s of parseSync(piece).stmts ?? []) file.statements.push({ stmt: s.stmt as PgNode, offset: start });
    } catch (err) {
      const lead = piece.length - piece.trimStart().length;
      file.errors.push({ line: lineAt(start + Buffer.byteLength(piece.slice(0, lead))), message: (err as Error).message.slice(0, 200) });
    }
  }
  return file;
});

/** Byte ranges of the `;`-separated statements, by PostgreSQL's own scanner (quotes and `$$` bodies honoured). */
function splitStatements(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  for (const t of scanSync(text).tokens) {
    if (t.text === ';' && t.tokenName === 'ASCII_59') {
      out.push([start, t.end]);
      start = t.end;
    }
  }
  const total = Buffer.byteLength(text);
  if (start < total) out.push([start, total]);
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
