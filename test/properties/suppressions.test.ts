/**
 * Suppression comments: any line parses to null or a well-formed suppression, and every comment
 * style round-trips the check id and the reason.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSuppression } from '../../src/engine/suppressions.js';

const checkId = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}(\.[a-z0-9-]{1,15}){0,2}$/);
const reason = fc.string({ maxLength: 60 }).filter((r) => !/-->|\*\//.test(r) && !/[\r\n\u2028\u2029]/.test(r));
const styles: Array<[string, string]> = [['# ', ''], ['// ', ''], ['-- ', ''], ['/* ', ' */'], ['<!-- ', ' -->']];

describe('suppression parsing properties', () => {
  it('any line gives null or an id without whitespace and a trimmed reason', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), reason.map((r) => `# mina-ignore:${r}`)), (line) => {
        const s = parseSuppression(line);
        if (s === null) return;
        expect(s.checkId.length).toBeGreaterThan(0);
        expect(s.checkId).not.toMatch(/\s/);
        expect(s.reason).toBe(s.reason.trim());
      }),
      { numRuns: 1000 },
    );
  });

  it('every comment style round-trips the id and the reason, after any code on the line', () => {
    fc.assert(
      fc.property(fc.constantFrom(...styles), checkId, reason, fc.constantFrom('', 'x = 1  ', 'app.use(cors()); ', '    '), ([open, close], id, why, code) => {
        const s = parseSuppression(`${code}${open}mina-ignore: ${id} ${why}${close}`);
        expect(s).toEqual({ checkId: id, reason: why.trim() });
      }),
      { numRuns: 1000 },
    );
  });

  it('a line without the marker suppresses nothing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }).filter((l) => !l.includes('mina-ignore:')), (line) => {
        expect(parseSuppression(line)).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });
});
