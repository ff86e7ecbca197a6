/**
 * Calls to a library API, found by where the callee comes from (imports, assignments), with their
 * positional arguments, Python keyword arguments and JS options objects at hand.
 */
import type { SgNode } from '@ast-grep/napi';
import { findKinds, lineOf } from '../../context/parsers/code.js';
import type { CodeFile, CodeIndex } from './code-index.js';
import { filesReaching } from './reach.js';
import { originIs, originOf, type Origin } from './resolve.js';
import { valueOf, type Value } from './values.js';

export interface CallSite {
  file: CodeFile;
  /** The call (or `new`) expression. */
  node: SgNode;
  origin: Origin;
  line: number;
  /** Positional arguments, in order (splats excluded). */
  args: SgNode[];
  /** Python keyword arguments by name. */
  kwargs: Map<string, SgNode>;
  /** `*args`, `**kwargs` or `...spread` among the arguments: more may be passed than is visible. */
  spread: boolean;
}

/** `[module, name]` as for `originIs`, e.g. `['flask_cors', 'CORS']`, `['cors', '']`, `['flask', 'Flask().run']`. */
export type CallTarget = readonly [module: string, name: string];

const CALL_KINDS = ['call', 'call_expression', 'new_expression'];

interface CallNode {
  node: SgNode;
  fn: SgNode;
  /** Position in document order, to return candidates in the order the file has them. */
  order: number;
}

interface FileCalls {
  all: CallNode[];
  /** By the callee's last identifier (`CORS` for `flask_cors.CORS(...)`, `run` for `app.run()`). */
  byLastName: Map<string, CallNode[]>;
}

// Every check asks for calls in the same files: each node crosses the napi boundary once per run.
const callsByFile = new WeakMap<CodeFile, FileCalls>();

function callsOf(file: CodeFile): FileCalls {
  let hit = callsByFile.get(file);
  if (hit) return hit;
  hit = { all: [], byLastName: new Map() };
  for (const node of findKinds(file, CALL_KINDS)) {
    const fn = node.field(node.kind() === 'new_expression' ? 'constructor' : 'function');
    if (!fn) continue;
    const call = { node, fn, order: hit.all.length };
    hit.all.push(call);
    const last = fn.kind() === 'identifier' ? fn.text() : (fn.field('attribute') ?? fn.field('property'))?.text();
    if (last) {
      const list = hit.byLastName.get(last);
      if (list) list.push(call);
      else hit.byLastName.set(last, [call]);
    }
  }
  callsByFile.set(file, hit);
  return hit;
}

/** Calls in `file` whose callee resolves to one of `targets`. */
export function findCalls(index: CodeIndex, file: CodeFile, targets: readonly CallTarget[]): CallSite[] {
  // Cheap pre-filter: when every target ends in a name, the callee's last identifier must be one of them.
  const lastNames = targets.map(([, name]) => name.split('.').pop()!.replace(/\(\)$/, ''));
  const byName = lastNames.every((n) => n && !targets.some(([, name]) => name.endsWith('()'))) ? new Set(lastNames) : null;
  // Text tests before any parsing: the name is written in the file, and the file may reach the module.
  if (byName && !lastNames.some((n) => file.text.includes(n))) return [];
  if (!filesReaching(index, targets.map(([m]) => m)).has(file)) return [];
  if (!mayReach(index, file, targets)) return [];
  const calls = callsOf(file);
  const candidates = byName ? [...byName].flatMap((n) => calls.byLastName.get(n) ?? []).sort((a, b) => a.order - b.order) : calls.all;
  const out: CallSite[] = [];
  for (const { node, fn } of candidates) {
    const callee = originOf(index, file, fn);
    if (!callee) continue;
    const origin = { ...callee, path: [...callee.path, '()'] };
    if (!targets.some(([m, n]) => originIs(callee, m, n))) continue;
    out.push(callSite(file, node, origin));
  }
  return out;
}

const GLOBAL_MODULES = new Set(['process', 'Deno', 'Bun']);

/**
 * A file can only call into a target module it imports — directly, or through a local module that
 * re-exports something (followed by origin resolution). Globals (`process`) need no import.
 */
function mayReach(index: CodeIndex, file: CodeFile, targets: readonly CallTarget[]): boolean {
  if (targets.some(([m]) => GLOBAL_MODULES.has(m))) return true;
  const python = file.lang === 'python';
  return file.imports.some(
    (b) =>
      targets.some(([m]) => b.module === m || (python ? b.module.startsWith(m + '.') || m.startsWith(b.module + '.') : b.module.startsWith(m + '/'))) ||
      index.resolveModule(file, b.module) !== undefined,
  );
}

/** Calls across the whole index (each file once). */
export function findCallsEverywhere(index: CodeIndex, targets: readonly CallTarget[], lang?: 'python' | 'js'): CallSite[] {
  return index.files.filter((f) => !lang || (lang === 'python') === (f.lang === 'python')).flatMap((f) => findCalls(index, f, targets));
}

export function callSite(file: CodeFile, node: SgNode, origin: Origin): CallSite {
  const argsNode = node.field('arguments');
  const args: SgNode[] = [];
  const kwargs = new Map<string, SgNode>();
  let spread = false;
  for (const a of argsNode?.namedChildren() ?? []) {
    const kind = a.kind();
    if (kind === 'comment') continue;
    if (kind === 'keyword_argument') {
      const name = a.field('name')?.text();
      const value = a.field('value');
      if (name && value) kwargs.set(name, value);
    } else if (kind === 'list_splat' || kind === 'dictionary_splat' || kind === 'spread_element') {
      spread = true;
    } else {
      args.push(a);
    }
  }
  return { file, node, origin, line: lineOf(node), args, kwargs, spread };
}

/**
 * An option of a call: the Python keyword argument `name`, else the property `name` of the JS
 * options object at `objectArg` (followed through variables). `undefined` when not given.
 */
export function optionOf(index: CodeIndex, call: CallSite, name: string, objectArg = 0): Value | undefined {
  const kw = call.kwargs.get(name);
  if (kw) return valueOf(index, call.file, kw);
  const obj = call.args[objectArg];
  if (!obj) return undefined;
  const v = valueOf(index, call.file, obj);
  return v.kind === 'map' ? v.entries.get(name) : undefined;
}

/** The options object (JS) at `objectArg` as a value, or null when it is absent. */
export function optionsObject(index: CodeIndex, call: CallSite, objectArg = 0): Value | null {
  const obj = call.args[objectArg];
  return obj ? valueOf(index, call.file, obj) : null;
}
