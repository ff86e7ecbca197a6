/**
 * The interactive questions (@inquirer/prompts): what to scaffold, the service name and port, the
 * image repository and the namespace when Kubernetes files are chosen, the code owner, the gate's
 * threshold, and a last confirmation. Streams are injected, so tests drive them without a TTY.
 */
import { Writable } from 'node:stream';
import { checkbox, confirm, input, number } from '@inquirer/prompts';
import type { Answers, Offer, Scaffold } from './model.js';
import { CODE_OWNER, IMAGE_REF, K8S_NAME } from './template/values.js';

export interface PromptStreams {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

const K8S_SCAFFOLDS = new Set(['kubernetes', 'k8s-policies', 'deploy', 'backups']);

/**
 * A prompt ends its output stream when it is done (harmless on a TTY, which never closes): each
 * prompt gets its own pass-through, so the streams stay open for the next question.
 */
function promptContext(streams: PromptStreams) {
  const output = new Writable({
    write(chunk, _encoding, done) {
      streams.output.write(chunk);
      done();
    },
  });
  return { input: streams.input, output, clearPromptOnDone: false };
}

/** Asks for everything but the threshold (which needs the predicted score); returns the edited answers. */
export async function askAnswers(offers: Array<{ scaffold: Scaffold; offer: Offer }>, defaults: Answers, streams: PromptStreams): Promise<Answers> {
  const ctx = () => promptContext(streams);
  const scaffolds = await checkbox(
    {
      message: 'What should mina scaffold?',
      choices: offers.map(({ scaffold, offer }) => ({ name: `${scaffold.title} — ${offer.reason}`, value: scaffold.id, checked: defaults.scaffolds.includes(scaffold.id) })),
      pageSize: 15,
    },
    ctx(),
  );
  const name = await input({ message: 'Service name', default: defaults.name, validate: (v) => v.trim().length > 0 || 'a name is needed' }, ctx());
  const port = await number({ message: 'Port the service listens on', default: defaults.port, min: 1, max: 65535, required: true }, ctx());
  const answers: Answers = { ...defaults, scaffolds, name: name.trim(), port: port ?? defaults.port };
  if (scaffolds.some((s) => K8S_SCAFFOLDS.has(s))) {
    answers.image = await input({ message: 'Image repository (registry/owner/name, no tag)', default: defaults.image, validate: (v) => IMAGE_REF.test(v) || 'lower-case registry/path, e.g. ghcr.io/acme/shop' }, ctx());
    const ns = await input({ message: 'Kubernetes namespace (empty: the one you apply to)', default: defaults.namespace ?? '', validate: (v) => v === '' || K8S_NAME.test(v) || 'a DNS label, e.g. shop' }, ctx());
    answers.namespace = ns === '' ? null : ns;
  }
  if (scaffolds.includes('change-management') || scaffolds.includes('incident-response')) {
    answers.codeOwner = await input({ message: 'Code owner (@user or @org/team)', default: defaults.codeOwner, validate: (v) => CODE_OWNER.test(v) || 'write @user or @org/team' }, ctx());
  }
  return answers;
}

export async function askThreshold(defaultScore: number, predicted: number, streams: PromptStreams): Promise<number> {
  const n = await number({ message: `Readiness gate: minimum score (predicted after init: ${predicted.toFixed(1)})`, default: defaultScore, min: 1, max: 100, required: true }, promptContext(streams));
  return n ?? defaultScore;
}

export async function confirmWrite(count: number, streams: PromptStreams): Promise<boolean> {
  return confirm({ message: `Write ${count} file${count === 1 ? '' : 's'}?`, default: true }, promptContext(streams));
}
