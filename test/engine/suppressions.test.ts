import { describe, expect, it } from 'vitest';
import { Volume } from 'memfs';
import { RepoContext } from '../../src/context/repo-context.js';
import { applySuppressions, parseSuppression } from '../../src/engine/suppressions.js';
import type { FsLike } from '../../src/context/fs-like.js';
import type { ReportedFinding } from '../../src/engine/run-checks.js';

describe('parseSuppression', () => {
  it.each([
    ['x = 1  # mina-ignore: secrets.hardcoded test key, revoked', 'secrets.hardcoded', 'test key, revoked'],
    ['// mina-ignore: cors.wildcard public read-only API', 'cors.wildcard', 'public read-only API'],
    ['-- mina-ignore: db.indexes tiny lookup table', 'db.indexes', 'tiny lookup table'],
    ['<!-- mina-ignore: ops.runbooks owned by SRE wiki -->', 'ops.runbooks', 'owned by SRE wiki'],
    ['/* mina-ignore: app.debug-disabled local only */', 'app.debug-disabled', 'local only'],
    ['# mina-ignore: secrets.hardcoded', 'secrets.hardcoded', ''],
  ])('%s', (line, id, reason) => {
    expect(parseSuppression(line)).toEqual({ checkId: id, reason });
  });
  it('ignores lines without a marker', () => {
    expect(parseSuppression('mina-ignore: outside a comment')).toBeNull();
  });
});

describe('applySuppressions', () => {
  const source = ['a = 1', '# mina-ignore: t.check reviewed, fake value', 'b = 2', 'c = 3  # mina-ignore: t.check', 'd = 4  # mina-ignore: other.check because'].join('\n');
  const finding = (line: number): ReportedFinding => ({ id: 'k', message: 'm', file: 'f.py', line, severity: 'high' });

  async function repo() {
    const vol = Volume.fromJSON({ 'f.py': source }, '/r');
    return RepoContext.create('/r', { fs: vol.promises as unknown as FsLike, maxFileSize: 1e6 });
  }

  it('suppresses a finding with a reasoned marker on the line above and gives back its share of the score', async () => {
    const r = await applySuppressions('t.check', [finding(3), finding(1)], 0.2, await repo());
    expect(r.suppressed).toBe(1);
    expect(r.findings.map((f) => f.line)).toEqual([1]);
    expect(r.score).toBeCloseTo(0.6);
  });

  it('a marker without a reason suppresses nothing and is itself reported', async () => {
    const r = await applySuppressions('t.check', [finding(4)], 0, await repo());
    expect(r.suppressed).toBe(0);
    expect(r.findings.map((f) => [f.id, f.line])).toEqual([['k', 4], ['suppression-without-reason', 4]]);
  });

  it('a marker for another check does not apply', async () => {
    const r = await applySuppressions('t.check', [finding(5)], 0, await repo());
    expect(r.suppressed).toBe(0);
  });

  it('suppressing every finding makes the check pass', async () => {
    const r = await applySuppressions('t.check', [finding(3)], 0, await repo());
    expect(r.score).toBe(1);
  });
});
