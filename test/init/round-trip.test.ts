/**
 * The promise of `mina init`, on seven real-world-shaped stacks: every check a written file answers
 * goes from failing (or not applicable for want of the file) to pass when the real checks run on
 * the result; no other check scores lower; the prediction made before writing matches what the
 * checks then find; and a second `mina init --yes` writes nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, evaluate, init, snapshot } from './helpers.js';

// six stacks without deployment files, and one already deploying with a Helm chart
const STACKS = ['flask-socketio', 'fastapi', 'django', 'express', 'fastify', 'nest', 'express-helm'];

describe.each(STACKS)('mina init --yes on %s', (stack) => {
  it('turns every answered check to pass, worsens none, and is a no-op the second time', async () => {
    const dir = copyFixture(stack);
    const before = await evaluate(dir);
    const first = await init(dir);
    expect(first.code).toBe(0);
    expect(first.results.length).toBeGreaterThan(0);
    expect(first.results.every((r) => r.outcome === 'created')).toBe(true);

    const after = await evaluate(dir);
    const answered = first.plan!.answered;
    expect(answered.length).toBeGreaterThan(0);
    for (const a of answered) {
      const was = before.results.get(a.id)?.status;
      expect(was, `${a.id} was not failing or missing before`).not.toBe('pass');
      expect(after.results.get(a.id)?.status, `${a.id} after init: ${JSON.stringify(after.results.get(a.id)?.findings)}`).toBe('pass');
      // the prediction shown before writing is what the checks found after
      expect(a.after).toBe('pass');
    }
    for (const [id, b] of before.results) {
      const a = after.results.get(id)!;
      if (b.status === 'not-applicable' || b.status === 'skipped') {
        if (a.status !== 'not-applicable' && a.status !== 'skipped') expect(a.score, `${id} became applicable and fails: ${JSON.stringify(a.findings)}`).toBe(1);
      } else expect(a.score, `${id} got worse: ${JSON.stringify(a.findings)}`).toBeGreaterThanOrEqual(b.score);
    }
    expect(after.score).toBeGreaterThan(before.score);
    expect(after.score).toBe(first.plan!.after.score);
    // the gate starts at the score the repository now has, rounded down to a multiple of 5
    const gate = readFileSync(path.join(dir, 'mina.yaml'), 'utf8');
    expect(gate).toContain(`minScore: ${Math.floor(after.score / 5) * 5}`);

    const tree = snapshot(dir);
    const second = await init(dir);
    expect(second.code).toBe(0);
    expect(second.results).toEqual([]);
    expect(second.output).toMatch(/Nothing to scaffold/);
    expect(snapshot(dir)).toEqual(tree);
  });
});
