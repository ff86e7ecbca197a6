/**
 * gitignore semantics across nested `.gitignore` files: each file's patterns are relative to its own
 * directory, and a deeper file can re-include (`!pattern`) what a shallower one ignored.
 */
import type { Ignore } from 'ignore';
import { ignore } from '../commonjs-packages.js';

interface Level {
  base: string;
  matcher: Ignore;
}

export class IgnoreStack {
  private constructor(
    private readonly levels: readonly Level[],
    private readonly rootPrefix: string,
  ) {}

  /**
   * `rootPrefix` is the walked root's path relative to where `patterns` were written (a mina.yaml in
   * a parent directory of the target), so `packages/api/dist/` still means what it says.
   */
  static root(patterns: readonly string[], rootPrefix = ''): IgnoreStack {
    return new IgnoreStack([{ base: '', matcher: ignore({ allowRelativePaths: true }).add([...patterns]) }], rootPrefix);
  }

  child(base: string, gitignoreText: string): IgnoreStack {
    return new IgnoreStack([...this.levels, { base, matcher: ignore().add(gitignoreText) }], this.rootPrefix);
  }

  ignored(rel: string, isDir: boolean): boolean {
    let result = false;
    for (const [i, { base, matcher }] of this.levels.entries()) {
      const local =
        i === 0 ? (this.rootPrefix ? `${this.rootPrefix}/${rel}` : rel) : base === '' ? rel : rel.startsWith(base + '/') ? rel.slice(base.length + 1) : null;
      if (local === null || local === '') continue;
      let verdict: { ignored: boolean; unignored: boolean };
      try {
        verdict = matcher.test(isDir ? `${local}/` : local);
      } catch {
        continue; // a name the matcher cannot express (e.g. with a trailing space) is simply not ignored
      }
      if (verdict.ignored) result = true;
      else if (verdict.unignored) result = false;
    }
    return result;
  }
}
