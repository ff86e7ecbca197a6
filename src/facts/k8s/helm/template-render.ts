/**
 * Evaluates a parsed Helm template against chart data (`.Values`, `.Release`, `.Chart`, ...) and
 * records, for every output line, the template line it came from, so a finding on rendered YAML can
 * point at the template a user edits. Work is bounded (steps, output size, include depth): a chart
 * that loops forever or expands without end is reported as unsupported, never hangs the run.
 */
import { TemplateUnsupported, type Operand, type Pipe, type TNode } from './template-syntax.js';
import { FUNCTIONS, formatValue, truthy } from './template-functions.js';

export interface Rendered {
  text: string;
  /** `lineMap[k]` is the 1-based template line that produced output line k (0-based). */
  lineMap: number[];
}

const MAX_STEPS = 200_000;
const MAX_OUTPUT = 4 * 1024 * 1024;
const MAX_DEPTH = 64;

class Output {
  text = '';
  lineMap: number[] = [];

  write(s: string, line: number, literal: boolean): void {
    if (!s) return;
    if (this.text.length + s.length > MAX_OUTPUT) throw new TemplateUnsupported('rendered output too large');
    if (this.lineMap.length === 0) this.lineMap.push(line);
    let cur = line;
    for (let nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', nl + 1)) {
      if (literal) cur++;
      this.lineMap.push(cur);
    }
    this.text += s;
  }
}

class Scope {
  private readonly vars = new Map<string, unknown>();
  constructor(private readonly parent: Scope | null) {}
  get(name: string): unknown {
    if (this.vars.has(name)) return this.vars.get(name);
    if (this.parent) return this.parent.get(name);
    throw new TemplateUnsupported(`undefined variable $${name}`);
  }
  declare(name: string, value: unknown): void {
    this.vars.set(name, value);
  }
  assign(name: string, value: unknown): void {
    if (this.vars.has(name) || !this.parent) this.vars.set(name, value);
    else this.parent.assign(name, value);
  }
}

class LoopSignal {
  constructor(readonly kind: 'break' | 'continue') {}
}

export class Renderer {
  private steps = 0;
  private depth = 0;

  constructor(private readonly defines: ReadonlyMap<string, TNode[]>) {}

  render(body: TNode[], data: unknown): Rendered {
    const out = new Output();
    const scope = new Scope(null);
    scope.declare('', data);
    this.nodes(body, data, scope, out);
    return { text: out.text, lineMap: out.lineMap };
  }

  /** Renders a named template to a string (`include`, `template`). */
  include(name: string, data: unknown): string {
    const body = this.defines.get(name);
    if (!body) throw new TemplateUnsupported(`template "${name}" is not defined`);
    if (++this.depth > MAX_DEPTH) throw new TemplateUnsupported('templates include each other too deeply');
    try {
      const out = new Output();
      const scope = new Scope(null);
      scope.declare('', data);
      this.nodes(body, data, scope, out);
      return out.text;
    } finally {
      this.depth--;
    }
  }

  private nodes(nodes: readonly TNode[], dot: unknown, scope: Scope, out: Output): void {
    for (const node of nodes) {
      if (++this.steps > MAX_STEPS) throw new TemplateUnsupported('template does too much work');
      switch (node.t) {
        case 'text':
          out.write(node.text, node.line, true);
          break;
        case 'out': {
          const value = this.pipe(node.pipe, dot, scope);
          if (node.pipe.decl.length === 0) out.write(formatValue(value), node.line, false);
          break;
        }
        case 'if':
        case 'with': {
          const inner = new Scope(scope);
          let chosen: { body: TNode[]; value: unknown } | null = null;
          for (const b of node.branches) {
            const value = this.pipe(b.pipe, dot, inner);
            if (truthy(value)) {
              chosen = { body: b.body, value };
              break;
            }
          }
          if (chosen) this.nodes(chosen.body, node.t === 'with' ? chosen.value : dot, inner, out);
          else this.nodes(node.else, dot, inner, out);
          break;
        }
        case 'range':
          this.range(node, dot, scope, out);
          break;
        case 'template':
          out.write(this.include(node.name, node.pipe ? this.pipe(node.pipe, dot, scope) : null), node.line, false);
          break;
        case 'break':
        case 'continue':
          throw new LoopSignal(node.t);
      }
    }
  }

  private range(node: Extract<TNode, { t: 'range' }>, dot: unknown, scope: Scope, out: Output): void {
    const value = this.pipe({ ...node.pipe, decl: [] }, dot, scope);
    const entries: Array<[unknown, unknown]> = Array.isArray(value)
      ? value.map((v, i) => [i, v])
      : typeof value === 'number'
        ? Array.from({ length: Math.max(0, Math.min(value, MAX_STEPS)) }, (_, i) => [i, i])
        : value && typeof value === 'object'
          ? Object.keys(value).sort().map((k) => [k, (value as Record<string, unknown>)[k]])
          : [];
    if (entries.length === 0) return this.nodes(node.else, dot, new Scope(scope), out);
    for (const [key, item] of entries) {
      const inner = new Scope(scope);
      const [a, b] = node.pipe.decl;
      if (b !== undefined) {
        inner.declare(a, key);
        inner.declare(b, item);
      } else if (a !== undefined) inner.declare(a, item);
      try {
        this.nodes(node.body, item, inner, out);
      } catch (signal) {
        if (!(signal instanceof LoopSignal)) throw signal;
        if (signal.kind === 'break') break;
      }
    }
  }

  private pipe(pipe: Pipe, dot: unknown, scope: Scope): unknown {
    let value: unknown = undefined;
    pipe.cmds.forEach((cmd, i) => {
      value = this.command(cmd, dot, scope, i > 0 ? { value } : null);
    });
    for (const name of pipe.decl) {
      if (pipe.assign) scope.assign(name, value);
      else scope.declare(name, value);
    }
    return value;
  }

  private command(cmd: Operand[], dot: unknown, scope: Scope, piped: { value: unknown } | null): unknown {
    const [head, ...rest] = cmd;
    const args = () => [...rest.map((a) => this.operand(a, dot, scope)), ...(piped ? [piped.value] : [])];
    if (head.t === 'fn') {
      if (head.name === 'include' || head.name === 'template') {
        const [name, data] = args();
        return this.include(String(name), data);
      }
      const fn = Object.hasOwn(FUNCTIONS, head.name) ? FUNCTIONS[head.name] : undefined;
      if (!fn) throw new TemplateUnsupported(`function "${head.name}" is not supported`);
      return fn(args());
    }
    const value = this.operand(head, dot, scope);
    if (typeof value === 'function') return (value as (...a: unknown[]) => unknown)(...args());
    if (rest.length || piped) throw new TemplateUnsupported(`cannot call ${describe(head)} (uses .Files or another method Helm provides)`);
    return value;
  }

  private operand(op: Operand, dot: unknown, scope: Scope): unknown {
    switch (op.t) {
      case 'lit':
        return op.value;
      case 'fn':
        return this.command([op], dot, scope, null);
      case 'dot':
        return fields(dot, op.fields);
      case 'var':
        return fields(scope.get(op.name), op.fields);
      case 'sub':
        return fields(this.pipe(op.pipe, dot, new Scope(scope)), op.fields);
    }
  }
}

function fields(value: unknown, names: readonly string[]): unknown {
  let cur = value;
  for (const name of names) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, name)) return undefined;
    cur = (cur as Record<string, unknown>)[name];
  }
  return cur;
}

function describe(op: Operand): string {
  return op.t === 'dot' ? `.${op.fields.join('.')}` : op.t === 'var' ? `$${op.name}.${op.fields.join('.')}` : 'a value';
}
