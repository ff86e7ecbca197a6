/**
 * The questions, driven through injected streams (no TTY): a scripted user unticks a scaffold,
 * renames the service, changes the port and the namespace, names a code owner and confirms. The
 * files follow the answers. Without a terminal and without --yes, init refuses to guess.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { copyFixture, init } from './helpers.js';

const UP = '\u001b[A';

/**
 * Answers each prompt in turn with keystrokes. A prompt is answered once the previous one shows
 * its ✔ line (the first once its message appears) and the next prompt listens for keys: @inquirer
 * may draw a prompt only when its first key arrives.
 */
function scriptedUser(script: Array<[RegExp, string]>) {
  const input = new PassThrough();
  let screen = '';
  let step = 0;
  // Keys typed while no prompt listens are lost, as on a real terminal: wait until a new prompt
  // is attached, then a moment more, for the key handler it installs once it has drawn.
  let answeredBy = new Set<unknown>();
  const send = (keys: string, settled = false) => {
    const listeners = input.listeners('keypress');
    if (!listeners.some((l) => !answeredBy.has(l))) return void setTimeout(() => send(keys), 10);
    if (!settled) return void setTimeout(() => send(keys, true), 50);
    answeredBy = new Set(listeners);
    for (const key of keys.match(/\u001b\[[AB]|[\s\S]/g) ?? []) input.write(key);
  };
  const output = new Writable({
    write(chunk, _enc, done) {
      screen += chunk.toString();
      const ready = step === 0 ? script[0][0].test(screen) : step < script.length && new RegExp(`✔\\S*\\s+\\S*${script[step - 1][0].source}`).test(screen);
      if (ready) {
        send(script[step][1]);
        step++;
        screen = '';
      }
      done();
    },
  });
  return { streams: { input, output }, answered: () => step };
}

describe('mina init, interactive', () => {
  it('asks what to scaffold, the names and the port, and writes what was answered', async () => {
    const dir = copyFixture('nest');
    const user = scriptedUser([
      [/What should mina scaffold\?/, `${UP} \r`],
      [/Service name/, 'Billing API\r'],
      [/Port the service listens on/, '\u007f\u007f\u007f\u007f4000\r'],
      [/Image repository/, '\r'],
      [/Kubernetes namespace/, 'billing\r'],
      [/Code owner/, '\u007f'.repeat(40) + '@acme/billing\r'],
      [/Readiness gate: minimum score/, '\r'],
      [/Write \d+ files\?/, 'y\r'],
    ]);
    const outcome = await init(dir, { yes: false }, user.streams);
    expect(user.answered()).toBe(8);
    expect(outcome.code).toBe(0);
    // the last choice (change management) was unticked
    expect(existsSync(path.join(dir, '.github', 'CODEOWNERS'))).toBe(false);
    const deployment = readFileSync(path.join(dir, 'k8s', 'deployment.yaml'), 'utf8');
    expect(deployment).toContain('containerPort: 4000');
    expect(deployment).toContain('namespace: billing');
    expect(deployment).toContain('name: billing-api');
    expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toContain('EXPOSE 4000');
    expect(readFileSync(path.join(dir, 'docs', 'incident-response.md'), 'utf8')).toContain('@acme/billing');
  });

  it('writes nothing when the user declines the last question', async () => {
    const dir = copyFixture('fastify');
    const user = scriptedUser([
      [/What should mina scaffold\?/, '\r'],
      [/Service name/, '\r'],
      [/Port the service listens on/, '\r'],
      [/Image repository/, '\r'],
      [/Kubernetes namespace/, '\r'],
      [/Code owner/, '\r'],
      [/Readiness gate: minimum score/, '\r'],
      [/Write \d+ files\?/, 'n\r'],
    ]);
    const outcome = await init(dir, { yes: false }, user.streams);
    expect(outcome.results).toEqual([]);
    expect(outcome.output).toContain('Nothing written.');
    expect(existsSync(path.join(dir, 'Dockerfile'))).toBe(false);
  });

  it('refuses to ask without a terminal: --yes or --dry-run is needed', async () => {
    const dir = copyFixture('nest');
    await expect(init(dir, { yes: false }, null)).rejects.toThrow(ConfigError);
  });
});
