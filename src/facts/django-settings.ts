/**
 * Django settings modules and the value each production settings module ends up with. Settings
 * are split in practice (`settings/base.py` star-imported by `production.py` and `dev.py`), so a
 * setting is read the way Django reads it: the leaf module's own assignment, else the one inherited
 * through `from .base import *`, last assignment wins. Modules named for development, local use,
 * tests or CI are not production.
 */
import type { SgNode } from '@ast-grep/napi';
import { defineFact } from '../context/repo-context.js';
import { lineOf } from '../context/parsers/code.js';
import { codeIndexFact, type CodeFile, type CodeIndex } from './code/code-index.js';
import { isModuleLevel } from './code/scope.js';

export interface SettingsModule {
  file: CodeFile;
  /** Named for development/local/test/CI use. */
  dev: boolean;
  /** Module-level `NAME = value` (last one per name). */
  assignments: Map<string, SgNode>;
  /** Settings modules it star-imports, in import order. */
  bases: SettingsModule[];
}

export interface SettingHit {
  module: SettingsModule;
  /** The assigned value. */
  node: SgNode;
  file: string;
  line: number;
}

export interface DjangoSettings {
  modules: SettingsModule[];
  /** Production leaves: non-dev modules no other non-dev settings module star-imports. */
  production: SettingsModule[];
  /** The effective assignment of `name` in `module` (own or inherited), or null. */
  effective(module: SettingsModule, name: string): SettingHit | null;
  /** Effective assignments of `name` across production leaves, one per defining line. */
  inProduction(name: string): SettingHit[];
}

const SETTINGS_FILE = /(^|\/)(settings|settings_[\w]+|[\w]+_settings)\.py$|(^|\/)settings\/[\w]+\.py$/;
const DEV_NAME = /(^|[/_.-])(dev|devel|develop|development|local|test|tests|testing|ci|debug|sandbox)([/_.-]|\.py$|$)/i;
const SETTINGS_MARKERS = new Set(['INSTALLED_APPS', 'ROOT_URLCONF', 'MIDDLEWARE', 'DATABASES', 'WSGI_APPLICATION']);

function moduleAssignments(file: CodeFile): Map<string, SgNode> {
  const out = new Map<string, SgNode>();
  for (const a of file.root.findAll({ rule: { kind: 'assignment' } })) {
    const left = a.field('left');
    const right = a.field('right');
    if (left?.kind() === 'identifier' && right && isModuleLevel(a) && /^[A-Z][A-Z0-9_]*$/.test(left.text())) out.set(left.text(), right);
  }
  return out;
}

export function readDjangoSettings(index: CodeIndex): DjangoSettings {
  const modules = new Map<string, SettingsModule>();
  for (const file of index.files) {
    if (file.lang !== 'python') continue;
    const named = SETTINGS_FILE.test(file.path) && !file.path.endsWith('__init__.py');
    // an unnamed module counts only by assigning a marker, which its text must then spell
    if (!named && ![...SETTINGS_MARKERS].some((k) => file.text.includes(k))) continue;
    const assignments = moduleAssignments(file);
    const marked = [...assignments.keys()].some((k) => SETTINGS_MARKERS.has(k));
    if (!named && !marked) continue;
    if (named && !marked && ![...assignments.keys()].some((k) => /^(DEBUG|SECRET_KEY|ALLOWED_HOSTS|CORS_|SECURE_|CSRF_|SESSION_)/.test(k))) continue;
    const name = file.path.slice(file.path.lastIndexOf('/') + 1);
    modules.set(file.path, { file, dev: DEV_NAME.test(name), assignments, bases: [] });
  }
  for (const m of modules.values()) {
    for (const b of m.file.imports) {
      if (b.name !== '*') continue;
      const target = index.resolveModule(m.file, b.module);
      const base = target ? modules.get(target.path) : undefined;
      if (base && base !== m) m.bases.push(base);
    }
  }
  const list = [...modules.values()];
  const importedByProd = new Set(list.filter((m) => !m.dev).flatMap((m) => m.bases.map((b) => b.file.path)));
  const production = list.filter((m) => !m.dev && !importedByProd.has(m.file.path));

  const effective = (module: SettingsModule, name: string, seen = new Set<string>()): SettingHit | null => {
    if (seen.has(module.file.path)) return null;
    seen.add(module.file.path);
    const own = module.assignments.get(name);
    if (own) return { module, node: own, file: module.file.path, line: lineOf(own) };
    for (const base of [...module.bases].reverse()) {
      const hit = effective(base, name, seen);
      if (hit) return hit;
    }
    return null;
  };
  return {
    modules: list,
    production,
    effective: (m, name) => effective(m, name),
    inProduction(name) {
      const hits = new Map<string, SettingHit>();
      for (const m of production) {
        const hit = effective(m, name);
        if (hit) hits.set(`${hit.file}:${hit.line}`, hit);
      }
      return [...hits.values()];
    },
  };
}

export const djangoSettingsFact = defineFact<DjangoSettings>('django-settings', async (repo) => readDjangoSettings(await repo.fact(codeIndexFact)));
