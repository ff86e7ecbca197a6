/**
 * The walk skips a `.gitignore` level when no pattern's last segment can match a name: that
 * shortcut must never change what is ignored, for any path the walk asks about (one whose
 * directories above are not ignored).
 */
import { describe, expect, it } from 'vitest';
import { IgnoreStack } from '../../src/context/ignore-stack.js';
import { DEFAULT_IGNORES } from '../../src/context/walk.js';

const PATTERNS = ['*.log', '!keep.log', 'build/', '/dist', 'docs/*.md', '**/tmp', 'a?c', '*.[0-9]', 'node_modules/', 'foo/**', '!foo/bar', '# a comment', '', ' lead', 'trail ', '\\#hash', 'x/y/z', '*', '!*.txt', 'Cache', '[ab]*.js', 'sub/*/deep', 'f.1', '!/sub', 'deep/', '*.mina-bak.[0-9]*', 'x.*', '?', '[z-a]', 'B[a-c]'];
const SEGMENTS = ['a', 'abc', 'build', 'dist', 'docs', 'x.md', 'keep.log', 'err.log', 'tmp', 'foo', 'bar', 'f.1', 'z', 'Cache', 'CACHE', 'a.js', 'b.js', 'node_modules', 'y', 'deep', 'sub', 'x.txt', 'n.mina-bak.2', '#hash', 'lead', ' lead', 'x', 'Bb', 'bB'];

describe('IgnoreStack', () => {
  it('answers the same with and without the last-segment shortcut, for every path the walk asks about', () => {
    let seed = 5;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    let compared = 0;
    let ignoredSeen = 0;
    for (let round = 0; round < 200; round++) {
      const rootPatterns = [...DEFAULT_IGNORES, ...Array.from({ length: Math.floor(rand() * 5) }, () => pick(PATTERNS))];
      const childText = Array.from({ length: Math.floor(rand() * 5) }, () => pick(PATTERNS)).join(rand() < 0.5 ? '\n' : '\r\n');
      const base = pick(['', 'sub', 'docs']);
      const prefix = rand() < 0.2 ? 'pkg' : '';
      const [quick, full] = [true, false].map((q) => {
        const root = IgnoreStack.root(rootPatterns, prefix, q);
        return { root, child: root.child(base, childText) };
      });
      for (let i = 0; i < 40; i++) {
        const segments = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(SEGMENTS));
        for (const level of ['root', 'child'] as const) {
          // the walk only asks about a path after its directories were found not ignored
          const parents = segments.slice(0, -1).map((_, k) => segments.slice(0, k + 1).join('/'));
          if (parents.some((d) => full[level].ignored(d, true))) continue;
          const rel = segments.join('/');
          for (const isDir of [false, true]) {
            const expected = full[level].ignored(rel, isDir);
            expect(quick[level].ignored(rel, isDir), `${level} ${rel}${isDir ? '/' : ''} root=${JSON.stringify(rootPatterns)} child(${base})=${JSON.stringify(childText)}`).toBe(expected);
            compared++;
            if (expected) ignoredSeen++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    expect(ignoredSeen).toBeGreaterThan(1_000);
  });
});
