/**
 * Flask-style configuration keys set in code: attributes of config classes (`from_object`),
 * module-level constants of config modules (`from_pyfile`/`from_object('config')`),
 * `app.config['KEY'] = …` and `app.config.update(KEY=…)` / `from_mapping(KEY=…)`. Extensions
 * (Flask-CORS, Flask-Limiter, Flask-Talisman…) read their settings from these keys.
 */
import type { SgNode } from '@ast-grep/napi';
import { findKinds, lineOf, shortText } from '../context/parsers/code.js';
import type { CodeFile, CodeIndex } from './code/code-index.js';
import { enclosingClass, isModuleLevel } from './code/scope.js';
import { valueOf, type Value } from './code/values.js';

export interface ConfigSetting {
  key: string;
  file: CodeFile;
  line: number;
  value: Value;
  /** The config class it belongs to, when it is a class attribute. */
  className: string | null;
}

interface RawSetting {
  key: string;
  file: CodeFile;
  node: SgNode;
  className: string | null;
}

const cache = new WeakMap<CodeFile, RawSetting[]>();

/** Where upper-case config keys are set in one Python file, in order; values are read on demand. */
function rawSettings(index: CodeIndex, file: CodeFile): RawSetting[] {
  const hit = cache.get(file);
  if (hit) return hit;
  const out: RawSetting[] = [];
  const add = (key: string, node: SgNode, className: string | null) => out.push({ key, file, node, className });
  for (const a of findKinds(file, ['assignment'])) {
    const left = a.field('left');
    const right = a.field('right');
    if (!left || !right) continue;
    if (left.kind() === 'identifier' && /^[A-Z][A-Z0-9_]+$/.test(left.text())) {
      const cls = enclosingClass(a);
      if (cls || isModuleLevel(a)) add(left.text(), right, cls?.field('name')?.text() ?? null);
    } else if (left.kind() === 'subscript' && /(^|\.)config$/.test(shortText(left.field('value')) ?? '')) {
      const key = valueOf(index, file, left.field('subscript')!);
      if (key.kind === 'string') add(key.value, right, null);
    }
  }
  for (const call of findKinds(file, ['call'])) {
    const fn = call.field('function');
    if (fn?.kind() !== 'attribute' || !['update', 'from_mapping', 'setdefault'].includes(fn.field('attribute')?.text() ?? '')) continue;
    if (!/(^|\.)config$/.test(shortText(fn.field('object')) ?? '')) continue;
    for (const kw of call.field('arguments')?.namedChildren() ?? []) {
      const name = kw.kind() === 'keyword_argument' ? kw.field('name')?.text() : undefined;
      const value = kw.field('value');
      if (name && value) add(name, value, null);
    }
  }
  cache.set(file, out);
  return out;
}

/** Every place `key` is set, with its value. */
export function flaskConfig(index: CodeIndex, key: string): ConfigSetting[] {
  // A file sets `key` by naming it (`KEY = …`, `update(KEY=…)`) or through a `config[…]` subscript: others are not parsed.
  return index
    .mentioning(key, 'config')
    .filter((f) => f.lang === 'python')
    .flatMap((f) => rawSettings(index, f))
    .filter((s) => s.key === key)
    .map((s) => ({ key, file: s.file, line: lineOf(s.node), value: valueOf(index, s.file, s.node), className: s.className }));
}
