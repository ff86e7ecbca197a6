import { describe, expect, it } from 'vitest';
import { checkLoadOptions, isLoopback, type LoadOptions } from '../../src/service-lifecycle/load.js';
import { expand, parseFingerprint } from '../../src/service-lifecycle/custom-driver.js';
import { redactUrl } from '../../src/service-lifecycle/state.js';

const base: LoadOptions = { target: 'http://127.0.0.1:8080', plan: { requests: [] }, connections: 10, durationS: 10, rate: null, maxRequests: 1000, explicitHost: false };

describe('load targets and bounds', () => {
  it.each([
    ['http://127.0.0.1:8080', true],
    ['http://127.9.8.7', true],
    ['http://localhost:3000/x', true],
    ['http://[::1]:8080', true],
    ['http://10.0.0.5', false],
    ['http://192.168.1.2', false],
    ['https://example.com', false],
    ['http://127.0.0.1.example.com', false],
  ])('%s is loopback: %s', (url, expected) => expect(isLoopback(url)).toBe(expected));

  it('refuses a non-loopback host the user did not name, accepts one they did', () => {
    expect(() => checkLoadOptions({ ...base, target: 'http://10.1.2.3' })).toThrow(/only loopback/);
    expect(() => checkLoadOptions({ ...base, target: 'http://10.1.2.3', explicitHost: true })).not.toThrow();
  });

  it('keeps every run bounded', () => {
    expect(() => checkLoadOptions({ ...base, durationS: 0 })).toThrow(/duration/);
    expect(() => checkLoadOptions({ ...base, durationS: 301 })).toThrow(/duration/);
    expect(() => checkLoadOptions({ ...base, connections: 1001 })).toThrow(/connections/);
    expect(() => checkLoadOptions({ ...base, maxRequests: 0 })).toThrow(/max-requests/);
    expect(() => checkLoadOptions({ ...base, rate: -1 })).toThrow(/rate/);
  });
});

describe('custom service helpers', () => {
  it('reads a verify command as JSON or a bare count', () => {
    expect(parseFingerprint('noise\n{"rows": 3, "checksum": "abc"}\n')).toEqual({ rows: 3, checksum: 'abc' });
    expect(parseFingerprint('42\n')).toEqual({ rows: 42, checksum: null });
    expect(() => parseFingerprint('three')).toThrow(/expected/);
  });

  it('expands ${VAR} and redacts passwords in URLs', () => {
    expect(expand('postgres://${U}@h/${DB}', { U: 'app', DB: 'x' })).toBe('postgres://app@h/x');
    expect(redactUrl('postgres://app:hunter2@db:5432/x')).toBe('postgres://app:***@db:5432/x');
  });
});
