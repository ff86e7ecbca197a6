/**
 * Prisma schema files (PSL): `model`/`view`/`enum`/`type` blocks with their fields, field
 * attributes (`@id`, `@unique`, `@map`, `@relation(fields: […], references: […])`) and block
 * attributes (`@@index`, `@@unique`, `@@id`, `@@map`), and `datasource`/`generator` key–value
 * blocks. A hand-written tokenizer and recursive-descent parser for that grammar; a syntax error
 * is recorded and parsing resumes at the next line, so a malformed member costs only itself.
 */
import { defineParser } from './parser.js';

export type PrismaValue =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'ident'; name: string; args: PrismaArg[] | null }
  | { kind: 'list'; items: PrismaValue[] };

export interface PrismaArg {
  name: string | null;
  value: PrismaValue;
}

export interface PrismaAttribute {
  name: string;
  args: PrismaArg[];
  line: number;
}

export interface PrismaField {
  name: string;
  type: string;
  list: boolean;
  optional: boolean;
  line: number;
  attributes: PrismaAttribute[];
}

export interface PrismaBlock {
  kind: string;
  name: string;
  line: number;
  fields: PrismaField[];
  attributes: PrismaAttribute[];
  /** `key = value` members of `datasource`/`generator`. */
  settings: Map<string, PrismaValue>;
}

export interface PrismaSchemaFile {
  blocks: PrismaBlock[];
  errors: Array<{ line: number; message: string }>;
}

interface Token {
  t: 'ident' | 'string' | 'number' | 'punct';
  v: string;
  line: number;
}

const MAX_TOKENS = 2_000_000;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length && out.length < MAX_TOKENS) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\ufeff') i++;
    else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '"') {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') {
        if (text[j] === '\\' && j + 1 < text.length) {
          value += text[j + 1];
          j += 2;
        } else value += text[j++];
      }
      out.push({ t: 'string', v: value, line });
      i = j + 1;
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /\w/.test(text[j])) j++;
      out.push({ t: 'ident', v: text.slice(i, j), line });
      i = j;
    } else if (/[0-9-]/.test(c)) {
      let j = i + 1;
      while (j < text.length && /[0-9.eE]/.test(text[j])) j++;
      out.push({ t: 'number', v: text.slice(i, j), line });
      i = j;
    } else if (c === '@' && text[i + 1] === '@') {
      out.push({ t: 'punct', v: '@@', line });
      i += 2;
    } else {
      out.push({ t: 'punct', v: c, line });
      i++;
    }
  }
  return out;
}

class PslParser {
  private i = 0;
  readonly errors: PrismaSchemaFile['errors'] = [];

  constructor(private readonly tokens: Token[]) {}

  private peek(o = 0): Token | undefined {
    return this.tokens[this.i + o];
  }

  private is(v: string, o = 0): boolean {
    const t = this.peek(o);
    return !!t && t.t === 'punct' && t.v === v;
  }

  private expect(v: string): void {
    if (!this.is(v)) throw new Error(`expected '${v}'${this.peek() ? ` near '${this.peek()!.v}'` : ' at end of file'}`);
    this.i++;
  }

  private ident(): string {
    const t = this.peek();
    if (t?.t !== 'ident') throw new Error(`expected a name${t ? ` near '${t.v}'` : ' at end of file'}`);
    this.i++;
    return t.v;
  }

  /** Skip past the rest of the line of `line` (or to the block's closing brace). */
  private recover(line: number, message: string): void {
    this.errors.push({ line, message });
    while (this.peek() && this.peek()!.line === line && !this.is('}')) this.i++;
  }

  parse(): PrismaSchemaFile {
    const blocks: PrismaBlock[] = [];
    while (this.peek()) {
      const start = this.peek()!;
      try {
        const kind = this.ident();
        const name = this.ident();
        this.expect('{');
        blocks.push(this.block(kind, name, start.line));
      } catch (err) {
        this.recover(start.line, (err as Error).message);
        if (this.peek() && this.peek()!.line === start.line) this.i++;
      }
    }
    return { blocks, errors: this.errors };
  }

  private block(kind: string, name: string, line: number): PrismaBlock {
    const block: PrismaBlock = { kind, name, line, fields: [], attributes: [], settings: new Map() };
    while (this.peek() && !this.is('}')) {
      const start = this.peek()!;
      try {
        if (this.is('@@')) {
          this.i++;
          block.attributes.push(this.attribute(start.line));
        } else if (kind === 'enum') {
          this.ident();
          while (this.is('@')) {
            this.i++;
            this.attribute(start.line);
          }
        } else if (this.is('=', 1)) {
          const key = this.ident();
          this.i++;
          block.settings.set(key, this.value());
        } else block.fields.push(this.field());
      } catch (err) {
        this.recover(start.line, (err as Error).message);
      }
    }
    if (this.is('}')) this.i++;
    else this.errors.push({ line, message: `block ${name} is not closed` });
    return block;
  }

  private field(): PrismaField {
    const line = this.peek()!.line;
    const name = this.ident();
    let type = this.ident();
    while (this.is('.')) {
      this.i++;
      type += '.' + this.ident();
    }
    if (this.is('(')) this.args(); // Unsupported("…")
    let list = false;
    let optional = false;
    if (this.is('[') && this.is(']', 1)) {
      this.i += 2;
      list = true;
    }
    if (this.is('?')) {
      this.i++;
      optional = true;
    }
    const attributes: PrismaAttribute[] = [];
    while (this.is('@')) {
      const at = this.peek()!.line;
      this.i++;
      attributes.push(this.attribute(at));
    }
    return { name, type, list, optional, line, attributes };
  }

  private attribute(line: number): PrismaAttribute {
    let name = this.ident();
    while (this.is('.')) {
      this.i++;
      name += '.' + this.ident();
    }
    return { name, args: this.is('(') ? this.args() : [], line };
  }

  private args(): PrismaArg[] {
    this.expect('(');
    const out: PrismaArg[] = [];
    while (this.peek() && !this.is(')')) {
      let name: string | null = null;
      if (this.peek()!.t === 'ident' && this.is(':', 1)) {
        name = this.ident();
        this.i++;
      }
      out.push({ name, value: this.value() });
      if (this.is(',')) this.i++;
      else break;
    }
    this.expect(')');
    return out;
  }

  private value(): PrismaValue {
    const t = this.peek();
    if (!t) throw new Error('expected a value at end of file');
    if (t.t === 'string') {
      this.i++;
      return { kind: 'string', value: t.v };
    }
    if (t.t === 'number') {
      this.i++;
      return { kind: 'number', value: Number(t.v) };
    }
    if (this.is('[')) {
      this.i++;
      const items: PrismaValue[] = [];
      while (this.peek() && !this.is(']')) {
        items.push(this.value());
        if (this.is(',')) this.i++;
        else break;
      }
      this.expect(']');
      return { kind: 'list', items };
    }
    let name = this.ident();
    while (this.is('.')) {
      this.i++;
      name += '.' + this.ident();
    }
    return { kind: 'ident', name, args: this.is('(') ? this.args() : null };
  }
}

export function parsePrisma(text: string): PrismaSchemaFile {
  return new PslParser(tokenize(text)).parse();
}

export const prismaParser = defineParser<PrismaSchemaFile>('prisma', (text) => parsePrisma(text));
