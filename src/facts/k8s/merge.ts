/**
 * The two patch formats kustomize overlays use, reduced to what readiness checks need: a strategic
 * merge (maps merge, lists of named items merge by `name`, other lists are replaced, `null` deletes,
 * `$patch: delete` removes a named item) and RFC 6902 JSON patches (`add`, `replace`, `remove`).
 * Inputs are never mutated.
 */
import { asRecord } from './objects.js';

/** Keys that would reach an object's prototype when assigned. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function strategicMerge(base: unknown, patch: unknown): unknown {
  const b = asRecord(base);
  const p = asRecord(patch);
  if (p && b) {
    const out: Record<string, unknown> = { ...b };
    for (const [key, value] of Object.entries(p)) {
      if (key === '$patch' || key.startsWith('$setElementOrder') || UNSAFE_KEYS.has(key)) continue;
      if (value === null) delete out[key];
      else out[key] = key in b ? strategicMerge(b[key], value) : value;
    }
    return out;
  }
  if (Array.isArray(base) && Array.isArray(patch) && patch.every(isNamed) && base.every(isNamed)) {
    const out = [...base];
    for (const item of patch) {
      const at = out.findIndex((x) => asRecord(x)!.name === asRecord(item)!.name);
      const directive = asRecord(item)!.$patch;
      if (directive === 'delete') {
        if (at >= 0) out.splice(at, 1);
      } else if (at >= 0) out[at] = strategicMerge(out[at], item);
      else out.push(item);
    }
    return out;
  }
  return patch;
}

function isNamed(item: unknown): boolean {
  return typeof asRecord(item)?.name === 'string';
}

export interface JsonPatchOp {
  op: string;
  path: string;
  value?: unknown;
}

/** Applies the operations it understands; `move`, `copy` and `test` are ignored, a bad path skips the op. */
export function applyJsonPatch(target: unknown, ops: readonly unknown[]): unknown {
  let doc = structuredClone(target);
  for (const raw of ops) {
    const op = asRecord(raw);
    if (!op || typeof op.op !== 'string' || typeof op.path !== 'string') continue;
    const keys = op.path.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (keys.some((k) => UNSAFE_KEYS.has(k))) continue;
    if (keys.length === 0) {
      if (op.op === 'replace' || op.op === 'add') doc = structuredClone(op.value);
      continue;
    }
    let parent: unknown = doc;
    for (const key of keys.slice(0, -1)) parent = Array.isArray(parent) ? parent[Number(key)] : asRecord(parent)?.[key];
    const last = keys[keys.length - 1];
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (!Number.isInteger(index) || index < 0 || index > parent.length) continue;
      if (op.op === 'add') parent.splice(index, 0, structuredClone(op.value));
      else if (op.op === 'replace' && index < parent.length) parent[index] = structuredClone(op.value);
      else if (op.op === 'remove' && index < parent.length) parent.splice(index, 1);
    } else {
      const obj = asRecord(parent);
      if (!obj) continue;
      if (op.op === 'add' || op.op === 'replace') obj[last] = structuredClone(op.value);
      else if (op.op === 'remove') delete obj[last];
    }
  }
  return doc;
}
