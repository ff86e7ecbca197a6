import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/baseline/fingerprint.js';
import type { ReportedFinding } from '../../src/engine/run-checks.js';

const finding: ReportedFinding = { id: 'generic-assignment', message: 'hardcoded secret hunt…(7 chars)', file: 'app/settings.py', line: 3, severity: 'critical' };

describe('fingerprints of secret findings', () => {
  it('do not hash the raw line, so a committed baseline cannot confirm a guessed password', () => {
    const line = 'PASSWORD = "hunter2"';
    const guessable = createHash('sha256').update(['secrets.hardcoded', finding.file, finding.id, `line:${line}`].join('\0')).digest('hex').slice(0, 32);
    expect(fingerprint('secrets.hardcoded', finding, line)).not.toBe(guessable);
    expect(fingerprint('secrets.hardcoded', finding, line)).toBe(fingerprint('secrets.hardcoded', finding, 'anything else on that line'));
  });

  it('still tell different secrets apart by their redacted form', () => {
    const other = { ...finding, message: 'hardcoded secret s3cr…(12 chars)' };
    expect(fingerprint('secrets.hardcoded', finding, null)).not.toBe(fingerprint('secrets.hardcoded', other, null));
  });

  it('other checks keep line-content fingerprints that survive line moves', () => {
    const f: ReportedFinding = { ...finding, id: 'x', line: 10 };
    expect(fingerprint('cors.wildcard', f, 'CORS(app)')).toBe(fingerprint('cors.wildcard', { ...f, line: 40 }, 'CORS(app)'));
    expect(fingerprint('cors.wildcard', f, 'CORS(app)')).not.toBe(fingerprint('cors.wildcard', f, 'CORS(app, origins="*")'));
  });
});
