import { describe, expect, it } from 'vitest';
import { comparePep440, normalizePep440, parsePep440 } from '../../src/advisories/pep440.js';

function cmp(a: string, b: string): number {
  const va = parsePep440(a);
  const vb = parsePep440(b);
  if (!va || !vb) throw new Error(`unparsable: ${a} or ${b}`);
  return Math.sign(comparePep440(va, vb));
}

describe('PEP 440 normalisation (the PEP\'s own examples)', () => {
  it.each([
    ['1.0a', '1.0a0'],
    ['1.1.a1', '1.1a1'],
    ['1.0-a1', '1.0a1'],
    ['1.0_a1', '1.0a1'],
    ['1.0alpha1', '1.0a1'],
    ['1.0beta2', '1.0b2'],
    ['1.0c1', '1.0rc1'],
    ['1.0pre1', '1.0rc1'],
    ['1.0preview1', '1.0rc1'],
    ['1.0a.1', '1.0a1'],
    ['1.0-post1', '1.0.post1'],
    ['1.0post1', '1.0.post1'],
    ['1.0.post', '1.0.post0'],
    ['1.0-r4', '1.0.post4'],
    ['1.0rev4', '1.0.post4'],
    ['1.0-1', '1.0.post1'],
    ['1.0.dev', '1.0.dev0'],
    ['1.0-dev2', '1.0.dev2'],
    ['1.0dev2', '1.0.dev2'],
    ['1.0+ubuntu-1', '1.0+ubuntu.1'],
    ['1.0+ubuntu_1', '1.0+ubuntu.1'],
    ['v1.0', '1.0'],
    ['V1.0', '1.0'],
    ['  1.0\n', '1.0'],
    ['1.0RC1', '1.0rc1'],
    ['09000', '9000'],
    ['00', '0'],
    ['1.01.002', '1.1.2'],
    ['1!2.0', '1!2.0'],
    ['0!2.0', '2.0'],
    ['1.0+abc.007', '1.0+abc.7'],
  ])('%s → %s', (input, canonical) => {
    expect(normalizePep440(input)).toBe(canonical);
  });

  it.each(['', 'abc', '1.0+', '1.0+ab..c', '1..0', '1.0a1b2', '1.0.', '1.0 1', 'french toast', '1.0+ab!c', '1!'])(
    'rejects %j',
    (input) => {
      expect(parsePep440(input)).toBeNull();
    },
  );
});

describe('PEP 440 ordering', () => {
  // The PEP's "Summary of permitted suffixes and relative ordering" list, in ascending order.
  const ORDERED = [
    '1.dev0',
    '1.0.dev456',
    '1.0a1',
    '1.0a2.dev456',
    '1.0a12.dev456',
    '1.0a12',
    '1.0b1.dev456',
    '1.0b2',
    '1.0b2.post345.dev456',
    '1.0b2.post345',
    '1.0rc1.dev456',
    '1.0rc1',
    '1.0',
    '1.0+abc.5',
    '1.0+abc.7',
    '1.0+5',
    '1.0.post456.dev34',
    '1.0.post456',
    '1.0.15',
    '1.1.dev1',
  ];

  it('sorts the PEP example list in its order, whatever order it starts in', () => {
    const shuffled = [...ORDERED].reverse();
    shuffled.push(shuffled.shift()!);
    const sorted = shuffled.sort((a, b) => cmp(a, b));
    expect(sorted).toEqual(ORDERED);
  });

  it('compares every pair consistently', () => {
    for (let i = 0; i < ORDERED.length; i++) {
      for (let j = 0; j < ORDERED.length; j++) expect(cmp(ORDERED[i], ORDERED[j]), `${ORDERED[i]} vs ${ORDERED[j]}`).toBe(Math.sign(i - j));
    }
  });

  it.each([
    ['1.0', '1.0.0', 0],
    ['1.0', '1.0.0.0+0', -1],
    ['1!1.0', '2.0', 1],
    ['2.0', '10.0', -1],
    ['1.0a1', '1.0A1', 0],
    ['1.0.post1', '1.0-1', 0],
    ['5.3', '5.3.1', -1],
    ['5.4b1', '5.4', -1],
    ['0.12.3', '0.12.2', 1],
    ['2.10', '2.10.1', -1],
    ['1.0+abc', '1.0+ABC', 0],
    ['1.0+1', '1.0+abc', 1],
    ['1.0+1.a', '1.0+1', 1],
    ['123456789012345678901234567890', '123456789012345678901234567891', -1],
  ])('%s vs %s → %i', (a, b, expected) => {
    expect(cmp(a, b)).toBe(expected);
    expect(cmp(b, a)).toBe(-expected || 0);
  });
});
