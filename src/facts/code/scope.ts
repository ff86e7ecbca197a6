/**
 * Where a node sits: inside which function, at module level, under an `if __name__ == "__main__":`
 * guard. Walks parents only (bounded by tree depth), never the whole tree.
 */
import type { SgNode } from '@ast-grep/napi';
import { kindOf, shortText } from '../../context/parsers/code.js';

const FUNCTION_KINDS = new Set([
  'function_definition', // Python def, lambda is `lambda`
  'lambda',
  'function_declaration',
  'function_expression',
  'function',
  'arrow_function',
  'method_definition',
  'generator_function_declaration',
  'generator_function',
]);
const CLASS_KINDS = new Set(['class_definition', 'class_declaration', 'class']);

export function isFunctionNode(node: SgNode): boolean {
  return FUNCTION_KINDS.has(kindOf(node));
}

/** The innermost function (def, lambda, arrow, method) containing `node`, or null at module level. */
export function enclosingFunction(node: SgNode): SgNode | null {
  for (let p = node.parent(); p; p = p.parent()) if (FUNCTION_KINDS.has(kindOf(p))) return p;
  return null;
}

export function enclosingClass(node: SgNode): SgNode | null {
  for (let p = node.parent(); p; p = p.parent()) {
    if (FUNCTION_KINDS.has(kindOf(p))) return null;
    if (CLASS_KINDS.has(kindOf(p))) return p;
  }
  return null;
}

/** Runs when the module is imported: not inside any function or class body. */
export function isModuleLevel(node: SgNode): boolean {
  for (let p = node.parent(); p; p = p.parent()) if (FUNCTION_KINDS.has(kindOf(p)) || CLASS_KINDS.has(kindOf(p))) return false;
  return true;
}

/** Inside the consequence of `if __name__ == "__main__":` (Python), i.e. runs only when executed as a script. */
export function insideMainGuard(node: SgNode): boolean {
  let child: SgNode = node;
  for (let p = node.parent(); p; child = p, p = p.parent()) {
    if (p.kind() !== 'if_statement') continue;
    const cond = p.field('condition');
    const body = p.field('consequence');
    if (!cond || !body || body.id() !== child.id()) continue;
    if (isMainTest(cond)) return true;
  }
  return false;
}

function isMainTest(cond: SgNode): boolean {
  if (cond.kind() !== 'comparison_operator') return false;
  const parts = cond.namedChildren();
  if (parts.length !== 2 || !cond.children().some((c) => !c.isNamed() && c.text() === '==')) return false;
  const texts = parts.map((p) => (shortText(p, 64) ?? '').replace(/^['"]|['"]$/g, ''));
  return texts.includes('__name__') && texts.includes('__main__');
}

/** Decorators applied to a Python function or class definition (the `decorated_definition` wrapper's). */
export function decoratorsOf(def: SgNode): SgNode[] {
  const parent = def.parent();
  if (parent?.kind() !== 'decorated_definition') return [];
  return parent.children().filter((c) => c.kind() === 'decorator');
}
