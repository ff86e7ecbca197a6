import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { mina, ROOT } from './run-mina.js';

// Built at run time so the key never stands whole in this repository.
const KEY = 'AKIA' + 'Q3EGRT5XPLM2ZK7W';
const dir = mkdtempSync(path.join(os.tmpdir(), 'mina-precommit-'));
writeFileSync(path.join(dir, 'mina.yaml'), 'gate:\n  failOn: high\n');
writeFileSync(path.join(dir, 'clean.py'), 'import os\nKEY = os.environ["AWS_ACCESS_KEY_ID"]\n');
writeFileSync(path.join(dir, 'leak.py'), `AWS_ACCESS_KEY_ID = "${KEY}"\n`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hook = (parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string }[])[0];
// The hook's entry as pre-commit runs it: from the repository root, staged file names appended.
const run = (files: string[]) => mina([...hook.entry.split(' ').slice(1), ...files], { cwd: dir });

describe('pre-commit hook: mina check --files over the staged files', () => {
  it('passes when the staged files hold no secret, even if another file does', () => {
    const r = run(['clean.py']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(KEY);
  });

  it('refuses a staged file with a hard-coded key, quoting it redacted', () => {
    const r = run(['clean.py', 'leak.py']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('leak.py:1');
    expect(r.stdout + r.stderr).not.toContain(KEY);
  });

  it('is declared for pre-commit with file names passed', () => {
    expect(hook).toMatchObject({ id: 'mina-secrets', language: 'node', pass_filenames: true });
  });
});
