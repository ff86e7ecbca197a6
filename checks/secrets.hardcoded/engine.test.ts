/** The scanning engine's parts: the keyword index, the assignment reader, file kinds, notebooks. */
import { describe, expect, it } from 'vitest';
import { KeywordIndex } from '../../src/secrets/keyword-index.js';
import { findAssignments, normaliseKey } from '../../src/secrets/assignment.js';
import { fileKind } from '../../src/secrets/file-kind.js';
import { unescapeNotebook } from '../../src/secrets/notebook.js';
import { entropy } from '../../src/secrets/value-checks.js';

describe('KeywordIndex', () => {
  it('finds exactly what a case-insensitive search for each keyword finds', () => {
    const keywords = ['token', 'pass', 'ghp_', '://', 'sk_live_', 'hf_', 'private key-----', 'akia'];
    const index = new KeywordIndex(keywords);
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const pieces = [...keywords, 'TOKEN', 'Pass', 'GHP_', 'Sk_Live_', 'tok', 'pas', 'a', ' ', '\n', 'é', '日本', '_', ':', '/', 'x'];
    for (let round = 0; round < 200; round++) {
      const text = Array.from({ length: 60 }, () => pieces[Math.floor(rand() * pieces.length)]).join('');
      const expected: Array<[number, string]> = [];
      const lower = text.toLowerCase();
      for (let at = 0; at < text.length; at++) {
        const k = keywords.find((kw) => lower.startsWith(kw, at));
        if (k) expected.push([at, k]);
      }
      const found: Array<[number, string]> = [];
      for (let at = index.find(text, 0); at !== -1; at = index.find(text, at + 1)) found.push([at, index.keyword]);
      expect(found, text).toEqual(expected);
    }
  });

  it('refuses keywords too short to index', () => {
    expect(() => new KeywordIndex(['ab'])).toThrow(/shorter than 3/);
  });
});

describe('findAssignments', () => {
  const read = (line: string, bare = false) => {
    const lower = line.toLowerCase();
    const at = ['password', 'secret', 'token', 'api_key', 'apikey'].map((k) => lower.indexOf(k)).filter((i) => i >= 0);
    return findAssignments(line, at, bare).map((a) => [a.key, a.value]);
  };

  it.each([
    ['SECRET_KEY = "abc123"', 'secret_key'],
    ["password: str = 'abc123'", 'password'],
    ['const apiKey = `abc123`;', 'api_key'],
    ['token := "abc123"', 'token'],
    ["'password' => 'abc123',", 'password'],
    ['{"api_key": "abc123"}', 'api_key'],
    ['connect(password=r"abc123")', 'password'],
    ['  <password>abc123</password>', 'password'],
  ])('reads %s', (line, key) => {
    expect(read(line)).toEqual([[key, 'abc123']]);
  });

  it.each([
    ['DB_PASSWORD=abc123', 'db_password'],
    ['password: abc123 # prod', 'password'],
    ['ENV SECRET_KEY abc123', 'secret_key'],
    ['export API_TOKEN=abc123;', 'api_token'],
  ])('reads the bare value of %s in config formats', (line, key) => {
    expect(read(line, true)).toEqual([[key, 'abc123']]);
    expect(read(line, false)).toEqual(line.startsWith('ENV') ? [[key, 'abc123']] : []);
  });

  it.each([
    'SECRET_KEY = os.environ["SECRET_KEY"]',
    'token = "Bearer " + raw',
    'password = "%s" % pw',
    'secret = f"{prefix}-{name}"',
    'if password == "abc123":',
    'url = `${base}?token=${token}`',
    'pattern: "(?<secret>ab)"',
  ])('leaves expressions and comparisons alone: %s', (line) => {
    expect(read(line)).toEqual([]);
  });

  it('normalises keys to lower-case words', () => {
    expect(normaliseKey('dbPassword')).toBe('db_password');
    expect(normaliseKey('APIKey')).toBe('api_key');
    expect(normaliseKey('$config.SECRET-KEY')).toBe('config_secret_key');
  });
});

describe('file kinds', () => {
  it.each([
    ['tests/test_api.py', { test: true }],
    ['src/__tests__/a.test.ts', { test: true }],
    ['pkg/client_test.go', { test: true }],
    ['src/app.py', { test: false, bareValues: false }],
    ['.env.production', { bareValues: true, example: false }],
    ['.env.example', { example: true }],
    ['config.sample.yaml', { example: true, bareValues: true }],
    ['package-lock.json', { generated: true }],
    ['public/app.min.js', { generated: true }],
    ['deploy/Dockerfile', { bareValues: true }],
    ['notebooks/a.ipynb', { notebook: true }],
  ])('%s', (path, expected) => {
    expect(fileKind(path)).toMatchObject(expected);
  });
});

describe('notebooks and entropy', () => {
  it('unescapes JSON source lines in place, one line per line', () => {
    const text = ['{', '    "api_key = \\"abc\\"\\n",', '    "print(1)"', '}'].join('\n');
    expect(unescapeNotebook(text).split('\n')).toEqual(['{', '    api_key = "abc" ', '    "print(1)"', '}']);
  });

  it('measures bits per character', () => {
    expect(entropy('aaaa')).toBe(0);
    expect(entropy('abcd')).toBe(2);
    expect(entropy('')).toBe(0);
  });
});
