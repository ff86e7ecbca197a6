/** The reference service's own test suite (node:test, as its CI runs it) must pass. */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVICE_DIR } from '../../src/service-lifecycle/reference-driver.js';

describe('service/test', () => {
  it('passes', () => {
    const files = readdirSync(path.join(SERVICE_DIR, 'test')).filter((f) => f.endsWith('.test.js')).map((f) => path.join('test', f));
    expect(files.length).toBeGreaterThan(0);
    const r = spawnSync(process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=tap', ...files], { cwd: SERVICE_DIR, encoding: 'utf8', timeout: 240_000 });
    const summary = r.stdout.split('\n').filter((l) => /^# (pass|fail) /.test(l));
    expect(summary, r.stdout.slice(-3000) + r.stderr.slice(-2000)).toEqual([expect.stringMatching(/^# pass [1-9]/), '# fail 0']);
    expect(r.status).toBe(0);
  }, 300_000);
});
