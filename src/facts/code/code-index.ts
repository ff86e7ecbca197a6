/**
 * Every source file parsed once, with its imports, and the local-module resolution that lets a
 * name imported from `.extensions` or `./db` be followed to the file that defines it.
 */
import type { SgNode } from '@ast-grep/napi';
import { defineFact, type RepoContext } from '../../context/repo-context.js';
import { codeLangOf, codeParserFor, type CodeLang } from '../../context/parsers/code.js';
import { collectImports, type ImportBinding } from './imports.js';
import { looksMinified, sourceFilesFact } from './sources.js';

export interface CodeFile {
  path: string;
  lang: CodeLang;
  root: SgNode;
  imports: ImportBinding[];
}

export interface CodeIndex {
  files: CodeFile[];
  get(path: string): CodeFile | undefined;
  /** Files importing `module` or one of its submodules (`flask` matches `flask.json`, `@nestjs/core` exact). */
  importing(module: string): CodeFile[];
  /** The repository file an import in `from` refers to, when it is local. */
  resolveModule(from: CodeFile, module: string): CodeFile | undefined;
}

export async function loadCodeFile(repo: RepoContext, path: string, lang: CodeLang): Promise<CodeFile | null> {
  const text = await repo.text(path);
  if (text === null || (lang !== 'python' && looksMinified(text))) return null;
  const tree = await repo.parse(path, codeParserFor(lang));
  if (!tree) return null;
  return { path, lang, root: tree.root, imports: collectImports(tree.root, lang) };
}

export const codeIndexFact = defineFact<CodeIndex>('code:index', async (repo) => {
  const files: CodeFile[] = [];
  for (const src of await repo.fact(sourceFilesFact)) {
    const file = await loadCodeFile(repo, src.path, src.lang);
    if (file) files.push(file);
  }
  return buildIndex(files);
});

/** An index over in-memory sources, for unit tests of code facts (same parsing, no repository). */
export function indexFromSources(sources: Record<string, string>): CodeIndex {
  const files: CodeFile[] = [];
  for (const [path, text] of Object.entries(sources)) {
    const lang = codeLangOf(path);
    if (!lang) continue;
    const tree = codeParserFor(lang).parse(text, path);
    files.push({ path, lang, root: tree.root, imports: collectImports(tree.root, lang) });
  }
  return buildIndex(files);
}

function isPython(f: CodeFile) {
  return f.lang === 'python';
}

export function buildIndex(files: CodeFile[]): CodeIndex {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const importers = new Map<string, CodeFile[]>();
  return {
    files,
    get: (path) => byPath.get(path),
    importing(module) {
      let hit = importers.get(module);
      if (!hit) {
        hit = files.filter((f) =>
          f.imports.some((b) => b.module === module || (isPython(f) && b.module.startsWith(module + '.')) || (!isPython(f) && b.module.startsWith(module + '/'))),
        );
        importers.set(module, hit);
      }
      return hit;
    },
    resolveModule(from, module) {
      const candidates = isPython(from) ? pythonCandidates(from.path, module) : jsCandidates(from.path, module);
      for (const c of candidates) {
        const hit = byPath.get(c);
        if (hit) return hit;
      }
      return undefined;
    },
  };
}

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function join(dir: string, rel: string): string {
  const parts = dir ? dir.split('/') : [];
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

/** `.ext` relative to the file's package, `..ext` one up; absolute `pkg.mod` from any ancestor directory (src layouts). */
function pythonCandidates(fromPath: string, module: string): string[] {
  const dots = /^\.*/.exec(module)![0].length;
  const rest = module.slice(dots).split('.').filter(Boolean).join('/');
  const bases: string[] = [];
  if (dots > 0) {
    let dir = dirOf(fromPath);
    for (let i = 1; i < dots; i++) dir = dirOf(dir);
    bases.push(dir);
  } else {
    let dir = dirOf(fromPath);
    for (;;) {
      bases.push(dir);
      if (!dir) break;
      dir = dirOf(dir);
    }
  }
  return bases.flatMap((b) => {
    const p = join(b, rest);
    return rest ? [`${p}.py`, `${p}/__init__.py`] : [`${p ? p + '/' : ''}__init__.py`];
  });
}

const JS_EXTS = ['', '.ts', '.tsx', '.js', '.mjs', '.cjs', '.jsx', '.mts', '.cts'];

function jsCandidates(fromPath: string, module: string): string[] {
  if (!module.startsWith('.')) return [];
  const base = join(dirOf(fromPath), module);
  const stem = base.replace(/\.(js|mjs|cjs|jsx)$/, ''); // TS sources import './db.js' for './db.ts'
  return [...JS_EXTS.map((e) => base + e), ...JS_EXTS.slice(1).map((e) => stem + e), ...JS_EXTS.slice(1).map((e) => `${base}/index${e}`)];
}
