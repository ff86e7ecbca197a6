/**
 * A parser for the subset of Go's text/template that Helm charts use: text and `{{ }}` actions with
 * `{{-`/`-}}` trimming and comments, pipelines of commands, fields (`.Values.a.b`), variables
 * (`$`, `$x := …`), literals, parenthesised sub-pipelines, and the control actions if/else if/else,
 * with, range (with `$i, $v :=`), define/template/block, break/continue. Anything else raises
 * `TemplateUnsupported`, which makes the caller read the template as text instead.
 */

export class TemplateUnsupported extends Error {}

export type Operand =
  | { t: 'dot'; fields: string[] }
  | { t: 'var'; name: string; fields: string[] }
  | { t: 'lit'; value: unknown }
  | { t: 'fn'; name: string }
  | { t: 'sub'; pipe: Pipe; fields: string[] };

export interface Pipe {
  decl: string[];
  /** `=` (assign to an existing variable) rather than `:=`. */
  assign: boolean;
  cmds: Operand[][];
}

export type TNode =
  | { t: 'text'; text: string; line: number }
  | { t: 'out'; pipe: Pipe; line: number }
  | { t: 'if' | 'with'; branches: Array<{ pipe: Pipe; body: TNode[] }>; else: TNode[]; line: number }
  | { t: 'range'; pipe: Pipe; body: TNode[]; else: TNode[]; line: number }
  | { t: 'template'; name: string; pipe: Pipe | null; line: number }
  | { t: 'break' | 'continue'; line: number };

export interface ParsedTemplate {
  body: TNode[];
  defines: Map<string, TNode[]>;
}

interface Chunk {
  action: boolean;
  text: string;
  line: number;
}

/** Splits source into text and action chunks, applying trim markers; lines are 1-based. */
function chunks(src: string): Chunk[] {
  const out: Chunk[] = [];
  let pos = 0;
  let line = 1;
  const advance = (to: number) => {
    for (let i = pos; i < to; i++) if (src.charCodeAt(i) === 10) line++;
    pos = to;
  };
  while (pos < src.length) {
    const open = src.indexOf('{{', pos);
    if (open < 0) {
      out.push({ action: false, text: src.slice(pos), line });
      break;
    }
    const trimLeft = src[open + 2] === '-' && /\s/.test(src[open + 3] ?? '');
    const text = src.slice(pos, open);
    out.push({ action: false, text: trimLeft ? text.trimEnd() : text, line });
    advance(open);
    const start = open + (trimLeft ? 3 : 2);
    const close = findClose(src, start);
    if (close < 0) throw new TemplateUnsupported(`unclosed action on line ${line}`);
    const trimRight = src[close - 1] === '-' && /\s/.test(src[close - 2] ?? '');
    const inner = src.slice(start, trimRight ? close - 1 : close).trim();
    if (!(inner.startsWith('/*') && inner.endsWith('*/'))) out.push({ action: true, text: inner, line });
    advance(close + 2);
    if (trimRight) {
      let end = pos;
      while (end < src.length && /\s/.test(src[end])) end++;
      advance(end);
    }
  }
  return out;
}

function findClose(src: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < src.length - 1; i++) {
    const c = src[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === '`') quote = c;
    else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) return -1;
      i = end + 1;
    } else if (c === '}' && src[i + 1] === '}') return i;
  }
  return -1;
}

type Tok =
  | { k: 'str' | 'num' | 'ident' | 'var'; v: string; fields: string[]; space: boolean }
  | { k: 'field'; v: ''; fields: string[]; space: boolean }
  | { k: '(' | ')' | '|' | ',' | ':=' | '='; v: ''; fields: string[]; space: boolean };

const IDENT = /[A-Za-z0-9_]/;

function tokenize(s: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let space = true;
  const fieldsAt = (): string[] => {
    const fields: string[] = [];
    while (s[i] === '.' && IDENT.test(s[i + 1] ?? '')) {
      let j = i + 1;
      while (j < s.length && IDENT.test(s[j])) j++;
      fields.push(s.slice(i + 1, j));
      i = j;
    }
    return fields;
  };
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) {
      i++;
      space = true;
      continue;
    }
    const before = space;
    space = false;
    if (c === '"') {
      let j = i + 1;
      let v = '';
      for (; j < s.length && s[j] !== '"'; j++) {
        if (s[j] === '\\') {
          j++;
          v += ({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[s[j]] ?? s[j];
        } else v += s[j];
      }
      if (j >= s.length) throw new TemplateUnsupported('unterminated string');
      toks.push({ k: 'str', v, fields: [], space: before });
      i = j + 1;
    } else if (c === '`') {
      const j = s.indexOf('`', i + 1);
      if (j < 0) throw new TemplateUnsupported('unterminated raw string');
      toks.push({ k: 'str', v: s.slice(i + 1, j), fields: [], space: before });
      i = j + 1;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(s[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < s.length && /[0-9.xXa-fA-FeE_]/.test(s[j])) j++;
      toks.push({ k: 'num', v: s.slice(i, j), fields: [], space: before });
      i = j;
    } else if (c === '.') {
      if (!IDENT.test(s[i + 1] ?? '')) {
        i++;
        toks.push({ k: 'field', v: '', fields: [], space: before });
      } else toks.push({ k: 'field', v: '', fields: fieldsAt(), space: before });
    } else if (c === '$') {
      let j = i + 1;
      while (j < s.length && IDENT.test(s[j])) j++;
      const v = s.slice(i + 1, j);
      i = j;
      toks.push({ k: 'var', v, fields: fieldsAt(), space: before });
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < s.length && IDENT.test(s[j])) j++;
      toks.push({ k: 'ident', v: s.slice(i, j), fields: [], space: before });
      i = j;
    } else if (c === ':' && s[i + 1] === '=') {
      toks.push({ k: ':=', v: '', fields: [], space: before });
      i += 2;
    } else if ('()|,='.includes(c)) {
      toks.push({ k: c as '(' | ')' | '|' | ',' | '=', v: '', fields: [], space: before });
      i++;
    } else throw new TemplateUnsupported(`unexpected "${c}" in action`);
  }
  return toks;
}

function parsePipe(toks: Tok[], start: number, inParens: boolean): { pipe: Pipe; next: number } {
  let i = start;
  const decl: string[] = [];
  let assign = false;
  let j = i;
  const names: string[] = [];
  while (toks[j]?.k === 'var' && toks[j].fields.length === 0) {
    names.push(toks[j].v);
    if (toks[j + 1]?.k === ',') j += 2;
    else {
      j++;
      break;
    }
  }
  if (names.length && (toks[j]?.k === ':=' || toks[j]?.k === '=')) {
    decl.push(...names);
    assign = toks[j].k === '=';
    i = j + 1;
  }
  const cmds: Operand[][] = [[]];
  for (; i < toks.length; i++) {
    const tok = toks[i];
    if (tok.k === ')') {
      if (!inParens) throw new TemplateUnsupported('unbalanced ")"');
      return { pipe: { decl, assign, cmds }, next: i + 1 };
    }
    if (tok.k === '|') {
      cmds.push([]);
      continue;
    }
    const cmd = cmds[cmds.length - 1];
    if (tok.k === '(') {
      const sub = parsePipe(toks, i + 1, true);
      const after = toks[sub.next];
      const fields = after && after.k === 'field' && !after.space ? after.fields : [];
      cmd.push({ t: 'sub', pipe: sub.pipe, fields });
      i = sub.next - 1 + (fields.length ? 1 : 0);
    } else if (tok.k === 'str') cmd.push({ t: 'lit', value: tok.v });
    else if (tok.k === 'num') cmd.push({ t: 'lit', value: Number(tok.v.replace(/_/g, '')) });
    else if (tok.k === 'field') cmd.push({ t: 'dot', fields: tok.fields });
    else if (tok.k === 'var') cmd.push({ t: 'var', name: tok.v, fields: tok.fields });
    else if (tok.k === 'ident') {
      if (tok.v === 'true' || tok.v === 'false') cmd.push({ t: 'lit', value: tok.v === 'true' });
      else if (tok.v === 'nil') cmd.push({ t: 'lit', value: null });
      else cmd.push({ t: 'fn', name: tok.v });
    } else throw new TemplateUnsupported(`unexpected "${tok.k}" in pipeline`);
  }
  if (inParens) throw new TemplateUnsupported('unclosed "("');
  if (cmds.some((c) => c.length === 0)) throw new TemplateUnsupported('empty command in pipeline');
  return { pipe: { decl, assign, cmds }, next: i };
}

interface Frame {
  node: TNode | { t: 'define'; name: string; body: TNode[] } | null;
  target: TNode[];
}

export function parseTemplate(src: string): ParsedTemplate {
  const defines = new Map<string, TNode[]>();
  const root: TNode[] = [];
  const stack: Frame[] = [{ node: null, target: root }];
  const top = () => stack[stack.length - 1];
  for (const chunk of chunks(src)) {
    if (!chunk.action) {
      if (chunk.text) top().target.push({ t: 'text', text: chunk.text, line: chunk.line });
      continue;
    }
    const toks = tokenize(chunk.text);
    const head = toks[0]?.k === 'ident' ? toks[0].v : null;
    const pipeFrom = (at: number) => parsePipe(toks, at, false).pipe;
    const line = chunk.line;
    if (head === 'if' || head === 'with') {
      const node: TNode = { t: head, branches: [{ pipe: pipeFrom(1), body: [] }], else: [], line };
      top().target.push(node);
      stack.push({ node, target: node.branches[0].body });
    } else if (head === 'range') {
      const node: TNode = { t: 'range', pipe: pipeFrom(1), body: [], else: [], line };
      top().target.push(node);
      stack.push({ node, target: node.body });
    } else if (head === 'else') {
      const frame = top();
      const node = frame.node;
      if (!node || (node.t !== 'if' && node.t !== 'with' && node.t !== 'range')) throw new TemplateUnsupported(`"else" outside if/with/range on line ${line}`);
      const chained = toks[1]?.k === 'ident' ? toks[1].v : null;
      if ((chained === 'if' || chained === 'with') && node.t !== 'range') {
        const branch = { pipe: pipeFrom(2), body: [] as TNode[] };
        node.branches.push(branch);
        frame.target = branch.body;
      } else frame.target = node.else;
    } else if (head === 'end') {
      const frame = stack.pop();
      if (!frame || stack.length === 0) throw new TemplateUnsupported(`unexpected "end" on line ${line}`);
      if (frame.node?.t === 'define') defines.set(frame.node.name, frame.node.body);
    } else if (head === 'define' || head === 'block') {
      if (toks[1]?.k !== 'str') throw new TemplateUnsupported(`${head} needs a quoted name`);
      const node = { t: 'define' as const, name: toks[1].v, body: [] as TNode[] };
      if (head === 'block') top().target.push({ t: 'template', name: toks[1].v, pipe: toks.length > 2 ? pipeFrom(2) : null, line });
      stack.push({ node, target: node.body });
    } else if (head === 'template') {
      if (toks[1]?.k !== 'str') throw new TemplateUnsupported('template needs a quoted name');
      top().target.push({ t: 'template', name: toks[1].v, pipe: toks.length > 2 ? pipeFrom(2) : null, line });
    } else if (head === 'break' || head === 'continue') {
      top().target.push({ t: head, line });
    } else if (toks.length) {
      top().target.push({ t: 'out', pipe: pipeFrom(0), line });
    }
  }
  if (stack.length !== 1) throw new TemplateUnsupported('missing {{ end }}');
  return { body: root, defines };
}
