import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckTester, runCheckOn } from '../../src/testing/check-tester.js';
import runbooks from '../../checks/ops.runbooks/index.js';

const fixtures = path.join(import.meta.dirname, '..', '..', 'checks', 'ops.runbooks', 'fixtures');
const tester = new CheckTester(runbooks, fixtures);

describe('CheckTester rejects malformed tables', () => {
  it('an invalid case that lists no findings', () => {
    expect(() => tester.validate({ invalid: [{ fixture: 'none' }] })).toThrow('must list the findings it expects');
  });
  it('a valid case that expects findings', () => {
    expect(() => tester.validate({ valid: [{ fixture: 'complete', findings: [{ id: 'x' }] }] })).toThrow('cannot expect findings');
  });
  it('duplicate cases', () => {
    expect(() => tester.validate({ valid: [{ fixture: 'complete' }, { fixture: 'complete' }] })).toThrow('duplicate case');
  });
  it('a fixture folder that does not exist', () => {
    expect(() => tester.validate({ valid: [{ fixture: 'no-such-case' }] })).toThrow('does not exist');
  });
  it('an empty table', () => {
    expect(() => tester.validate({})).toThrow('no cases');
  });
});

describe('runCheckOn', () => {
  it('runs one check over a fixture folder through the engine', async () => {
    const result = await runCheckOn(runbooks, path.join(fixtures, 'partial'));
    expect(result).toMatchObject({ id: 'ops.runbooks', status: 'partial', score: 0.5 });
  });
});
