/**
 * Which files an expression coming from a library can appear in, found without parsing the files
 * that cannot. An origin (`originOf`) starts at an import binding, and crosses files only through
 * imports of local modules; so a file can reach `sqlalchemy` only when it imports it (its text
 * names the package) or imports a local module that reaches it (its text names that module's file
 * or package, or it sits below the package for `from . import x`). Text decides who is a candidate;
 * the parsed imports decide the rest.
 */
import type { CodeFile, CodeIndex } from './code-index.js';

/** Globals that behave as modules and need no import (see resolve.ts). */
const JS_GLOBALS = new Set(['process', 'Deno', 'Bun']);

/** Text an import of `module` contains: Python's top-level package, JS's specifier. */
export function moduleNeedle(module: string, python: boolean): string {
  return python ? module.replace(/^\.+/, '').split('.')[0] : module.replace(/^node:/, '');
}

const importForms = new Map<string, RegExp>();

/**
 * Whether `file`'s text may hold an import of `module`: Python spells the top-level package as a
 * whole word, JavaScript the specifier as a string (`'pg'`, `"pg/lib"`, `'node:http'`). A word
 * that merely contains the name (`upgrade` for `pg`, a URL for `http`) does not count.
 */
export function mayImportModule(file: CodeFile, module: string): boolean {
  const python = file.lang === 'python';
  const needle = moduleNeedle(module, python);
  if (!needle) return true;
  if (!file.text.includes(needle)) return false;
  const key = `${python ? 'py' : 'js'}\0${needle}`;
  let re = importForms.get(key);
  if (!re) {
    const esc = needle.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    re = python ? new RegExp(`(^|[^\\w])${esc}($|[^\\w])`) : new RegExp(`['"](node:)?${esc}['"/]`);
    importForms.set(key, re);
  }
  return re.test(file.text);
}

const reachCache = new WeakMap<CodeIndex, Map<string, Set<CodeFile>>>();

/** Files in which an expression may originate from one of `modules` (a necessary condition, not the answer). */
export function filesReaching(index: CodeIndex, modules: readonly string[]): Set<CodeFile> {
  let perIndex = reachCache.get(index);
  if (!perIndex) reachCache.set(index, (perIndex = new Map()));
  const key = [...modules].sort().join('\0');
  let hit = perIndex.get(key);
  if (!hit) {
    hit = computeReach(index, modules);
    perIndex.set(key, hit);
  }
  return hit;
}

function computeReach(index: CodeIndex, modules: readonly string[]): Set<CodeFile> {
  const jsGlobal = modules.some((m) => JS_GLOBALS.has(m));
  const reached = new Set<CodeFile>();
  for (const f of index.files) {
    if ((jsGlobal && f.lang !== 'python') || modules.some((m) => mayImportModule(f, m))) reached.add(f);
  }
  // Grow through local imports until nothing new: each round parses only files whose text names a reached module.
  let frontier = [...reached];
  while (frontier.length) {
    const names = namesOf(frontier);
    const targets = new Set(frontier);
    const next = index.files.filter((f) => !reached.has(f) && names.mayImport(f) && f.imports.some((b) => targets.has(index.resolveModule(f, b.module)!)));
    for (const f of next) reached.add(f);
    frontier = next;
  }
  // In index order, so callers that iterate it report in file order.
  return new Set(index.files.filter((f) => reached.has(f)));
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Past this many distinct module names, testing each against every text costs more than parsing imports. */
const MAX_NAMES = 64;

/**
 * What the text of a file importing one of `targets` must contain (see module-paths.ts): the
 * module's file stem (`db` for `./db.js`, `app.db`), or for a package file (`__init__.py`,
 * `index.ts`) its directory's name — unless the importer sits below it and uses dots (`from . import x`).
 */
function namesOf(targets: readonly CodeFile[]) {
  const names = { python: new Set<string>(), js: new Set<string>() };
  const below = { python: new Set<string>(), js: new Set<string>() };
  for (const t of targets) {
    const lang = t.lang === 'python' ? 'python' : 'js';
    const dir = dirOf(t.path);
    const stem = t.path.slice(dir ? dir.length + 1 : 0).replace(/\.[^.]+$/, '');
    if (stem !== (lang === 'python' ? '__init__' : 'index')) {
      names[lang].add(stem);
      continue;
    }
    below[lang].add(dir);
    const dirName = dir.slice(dir.lastIndexOf('/') + 1);
    if (dirName) names[lang].add(dirName);
  }
  return {
    mayImport(f: CodeFile): boolean {
      const lang = f.lang === 'python' ? 'python' : 'js';
      if (names[lang].size > MAX_NAMES) return true;
      for (const d of below[lang]) if (d === '' || f.path.startsWith(d + '/')) return true;
      for (const n of names[lang]) if (f.text.includes(n)) return true;
      return false;
    },
  };
}
