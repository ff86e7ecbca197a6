/**
 * From the argument a route registration names (`views.healthz`, `health`, an inline arrow,
 * `HealthView.as_view()`) to the function or class that answers, following local imports one hop.
 */
import type { SgNode } from '@ast-grep/napi';
import { kindOf, type CodeFile, type CodeIndex } from '../code/index.js';
import { definitionOf, exportedValue } from '../code/resolve.js';
import { isFunctionNode } from '../code/scope.js';

export interface Handler {
  node: SgNode;
  file: CodeFile;
  name: string | null;
}

const INLINE = new Set(['lambda', 'arrow_function', 'function_expression', 'function']);

function isDefinition(node: SgNode): boolean {
  return isFunctionNode(node) || kindOf(node).startsWith('class');
}

export function resolveHandler(index: CodeIndex, file: CodeFile, node: SgNode | null | undefined, depth = 0): Handler | null {
  if (!node || depth > 4) return null;
  const kind = kindOf(node);
  if (INLINE.has(kind)) return { node, file, name: null };
  if (kind === 'identifier' || kind === 'shorthand_property_identifier') return named(index, file, node.text(), node);
  if (kind === 'call' || kind === 'call_expression') {
    // `HealthView.as_view()`, `csrf_exempt(view)`, `asyncHandler(async (req, res) => …)`
    const fn = node.field('function');
    const args = (node.field('arguments')?.namedChildren() ?? []).filter((a) => a.kind() !== 'comment' && a.kind() !== 'keyword_argument');
    if (fn && (fn.kind() === 'attribute' || fn.kind() === 'member_expression')) {
      const viaObject = resolveHandler(index, file, fn.field('object'), depth + 1);
      if (viaObject) return viaObject;
    }
    return args.length ? resolveHandler(index, file, args[args.length - 1], depth + 1) : null;
  }
  if (kind === 'attribute' || kind === 'member_expression') {
    const obj = node.field('object');
    const prop = node.field(file.lang === 'python' ? 'attribute' : 'property')?.text();
    if (obj?.kind() !== 'identifier' || !prop) return null;
    const binding = [...file.imports].reverse().find((b) => b.local === obj.text());
    if (!binding) return null;
    const module = binding.name && file.lang === 'python' ? `${binding.module}${binding.module.endsWith('.') ? '' : '.'}${binding.name}` : binding.module;
    const target = index.resolveModule(file, module) ?? (binding.name ? undefined : index.resolveModule(file, binding.module));
    const def = target ? exportedValue(target, prop) : null;
    return target && def && isDefinition(def) ? { node: def, file: target, name: prop } : null;
  }
  return null;
}

function named(index: CodeIndex, file: CodeFile, name: string, use: SgNode): Handler | null {
  const def = definitionOf(file, name, use);
  if (def) return isDefinition(def) ? { node: def, file, name } : INLINE.has(kindOf(def)) ? { node: def, file, name } : null;
  const binding = [...file.imports].reverse().find((b) => b.local === name);
  if (!binding) return null;
  const target = index.resolveModule(file, binding.module);
  const found = target ? (binding.name ? exportedValue(target, binding.name) : null) : null;
  if (!target || !found) return null;
  return isDefinition(found) || INLINE.has(kindOf(found)) ? { node: found, file: target, name: binding.name ?? name } : null;
}
