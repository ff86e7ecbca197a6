/**
 * Every source file of the application, its text read once and its syntax tree and imports built
 * only when some fact first asks, plus the local-module resolution that lets a name imported from
 * `.extensions` or `./db` be followed to the file that defines it. Most facts look for one library
 * or call in a few files; a text test (`mentioning`, `importing`) is a necessary condition that
 * spares them parsing the thousands of files that cannot match.
 */
import type { SgNode } from '@ast-grep/napi';
import type { RepoContext } from '../../context/repo-context.js';
import { defineFact } from '../../context/repo-context.js';
import { codeLangOf, codeParserFor, type CodeLang } from '../../context/parsers/code.js';
import { collectImports, type ImportBinding } from './imports.js';
import { jsCandidates, pythonCandidates } from './module-paths.js';
import { mayImportModule } from './reach.js';
import { looksMinified, sourceFilesFact } from './sources.js';

export interface CodeFile {
  readonly path: string;
  readonly lang: CodeLang;
  readonly text: string;
  /** The syntax tree, parsed on first access. */
  readonly root: SgNode;
  /** Import bindings, collected on first access. */
  readonly imports: ImportBinding[];
}

export interface CodeIndex {
  /** Every file; iterating it and touching `root` or `imports` parses all of them. */
  files: CodeFile[];
  get(path: string): CodeFile | undefined;
  /** Files whose text contains any of `words`: the files a structural search for them could match. */
  mentioning(...words: string[]): CodeFile[];
  /** Files importing `module` or one of its submodules (`flask` matches `flask.json`, `@nestjs/core` exact). */
  importing(module: string): CodeFile[];
  /** The repository file an import in `from` refers to, when it is local. */
  resolveModule(from: CodeFile, module: string): CodeFile | undefined;
}

class LazyCodeFile implements CodeFile {
  private tree: SgNode | undefined;
  private bindings: ImportBinding[] | undefined;

  constructor(
    readonly path: string,
    readonly lang: CodeLang,
    readonly text: string,
    private readonly warn: (message: string) => void,
  ) {}

  get root(): SgNode {
    if (!this.tree) {
      try {
        this.tree = codeParserFor(this.lang).parse(this.text, this.path).root;
      } catch (err) {
        this.warn(`${this.path}: could not be parsed as code:${this.lang}: ${(err as Error).message}`);
        this.tree = codeParserFor(this.lang).parse('', this.path).root;
      }
    }
    return this.tree;
  }

  get imports(): ImportBinding[] {
    return (this.bindings ??= collectImports(this.root, this.lang));
  }
}

/** One application source file, or null when it has no text or is a minified bundle. Not parsed yet. */
export async function loadCodeFile(repo: RepoContext, path: string, lang: CodeLang): Promise<CodeFile | null> {
  return codeFileOf(repo, path, lang, await repo.text(path));
}

function codeFileOf(repo: RepoContext, path: string, lang: CodeLang, text: string | null): CodeFile | null {
  if (text === null || (lang !== 'python' && looksMinified(text))) return null;
  return new LazyCodeFile(path, lang, text, (m) => repo.warnings.push(m));
}

export const codeIndexFact = defineFact<CodeIndex>('code:index', async (repo) => {
  const sources = await repo.fact(sourceFilesFact);
  const texts = await repo.readTexts(sources.map((s) => s.path));
  const files: CodeFile[] = [];
  sources.forEach((src, i) => {
    const file = codeFileOf(repo, src.path, src.lang, texts[i]);
    if (file) files.push(file);
  });
  return buildIndex(files);
});

/** An index over in-memory sources, for unit tests of code facts (same parsing, no repository). */
export function indexFromSources(sources: Record<string, string>): CodeIndex {
  const files: CodeFile[] = [];
  for (const [path, text] of Object.entries(sources)) {
    const lang = codeLangOf(path);
    if (lang) files.push(new LazyCodeFile(path, lang, text, (m) => { throw new Error(m); }));
  }
  return buildIndex(files);
}

function isPython(f: CodeFile) {
  return f.lang === 'python';
}

export function buildIndex(files: CodeFile[]): CodeIndex {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const importers = new Map<string, CodeFile[]>();
  const mentions = new Map<string, CodeFile[]>();
  return {
    files,
    get: (path) => byPath.get(path),
    mentioning(...words) {
      const key = words.join('\0');
      let hit = mentions.get(key);
      if (!hit) {
        hit = files.filter((f) => words.some((w) => f.text.includes(w)));
        mentions.set(key, hit);
      }
      return hit;
    },
    importing(module) {
      let hit = importers.get(module);
      if (!hit) {
        hit = files.filter(
          (f) =>
            mayImportModule(f, module) &&
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
