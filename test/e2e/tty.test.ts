import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, ROOT } from './run-mina.js';

// util-linux `script` gives the CLI a real pseudo-terminal, as a person's shell would.
const hasScript = spawnSync('script', ['--version']).status === 0;

function inTty(args: string, env: Record<string, string | undefined>) {
  const cmd = `${process.execPath} ${path.join(ROOT, 'bin', 'mina.js')} ${args}`;
  const clean = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete clean[k];
  return spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', env: clean, timeout: 60_000 }).stdout;
}

describe.skipIf(!hasScript)('terminal output on a TTY', () => {
  it('uses colour on a terminal', () => {
    const out = inTty(`check ${fixture('basic-repo')}`, { NO_COLOR: undefined, CI: undefined, FORCE_COLOR: undefined });
    expect(out).toMatch(/\u001b\[\d+m/);
    expect(out.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '')).toMatch(/Score\s+\d+\.\d\/100/);
  });

  it.each([
    ['NO_COLOR', `check ${fixture('basic-repo')}`, { NO_COLOR: '1', CI: undefined }],
    ['--no-color', `check ${fixture('basic-repo')} --no-color`, { NO_COLOR: undefined, CI: undefined }],
    ['CI', `check ${fixture('basic-repo')}`, { NO_COLOR: undefined, CI: 'true' }],
  ])('never with %s', (_name, args, env) => {
    const out = inTty(args, env as Record<string, string | undefined>);
    expect(out).toMatch(/Score\s+\d+\.\d\/100/);
    expect(out).not.toMatch(/\u001b\[/);
  });
});
