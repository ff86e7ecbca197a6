/**
 * gitignore semantics across nested `.gitignore` files: each file's patterns are relative to its own
 * directory, and a deeper file can re-include (`!pattern`) what a shallower one ignored.
 */
import type { Ignore } from 'ignore';
import { ignore } from '../commonjs-packages.js';

interface Level {
  base: string;
  matcher: Ignore;
  /** No pattern of the level can match a path whose last segment fails this (null: cannot tell). */
  names: RegExp | null;
}

export class IgnoreStack {
  private constructor(
    private readonly levels: readonly Level[],
    private readonly rootPrefix: string,
    /** Skip levels by their patterns' last segments (`lastSegments`); off only to test that it changes nothing. */
    private readonly quick: boolean,
  ) {}

  /**
   * `rootPrefix` is the walked root's path relative to where `patterns` were written (a mina.yaml in
   * a parent directory of the target), so `packages/api/dist/` still means what it says.
   */
  static root(patterns: readonly string[], rootPrefix = '', quick = true): IgnoreStack {
    const names = quick ? lastSegments(patterns) : null;
    return new IgnoreStack([{ base: '', matcher: ignore({ allowRelativePaths: true }).add([...patterns]), names }], rootPrefix, quick);
  }

  child(base: string, gitignoreText: string): IgnoreStack {
    const names = this.quick ? lastSegments(gitignoreText.split(/\r?\n/)) : null;
    return new IgnoreStack([...this.levels, { base, matcher: ignore().add(gitignoreText), names }], this.rootPrefix, this.quick);
  }

  ignored(rel: string, isDir: boolean): boolean {
    let result = false;
    const name = rel.slice(rel.lastIndexOf('/') + 1);
    for (const [i, { base, matcher, names }] of this.levels.entries()) {
      if (names !== null && !names.test(name)) continue;
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

/**
 * What the last segments of gitignore `patterns` can match, as one case-insensitive regex over a
 * name; null when a pattern is not read that simply (escapes, spacing, unusual classes). A pattern
 * matches a path by its last segment, or ignores it through a directory above it, and the walk
 * never looks inside an ignored directory: so a name that fits no last segment is neither ignored
 * nor re-included by the level, and the full match (a few regexes per pattern and per parent) can
 * be skipped. Most names of a tree fit none of the few patterns there are.
 */
function lastSegments(patterns: readonly string[]): RegExp | null {
  const alternatives: string[] = [];
  for (const line of patterns) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const last = line.replace(/^!/, '').replace(/\/$/, '').split('/').pop()!;
    // plain names, `*` (and `**`), `?` and simple classes; `.`, `*` and `?` only outside classes
    if (!/^(?:[A-Za-z0-9._*?-]|\[[A-Za-z0-9-]+\])+$/.test(last)) return null;
    alternatives.push(last.replace(/\./g, '\\.').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]'));
  }
  try {
    return new RegExp(`^(?:${alternatives.length > 0 ? alternatives.join('|') : '(?!)'})$`, 'i');
  } catch {
    return null; // a class the regex engine rejects (`[z-a]`): test every path
  }
}
