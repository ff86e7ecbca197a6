/**
 * `mina init [path]`: detect → show → choose → render → predict → (confirm) → write. Everything a
 * run decides is computed before the first write, and the checks themselves, run on the tree with
 * the new files laid over it, say whether each answered check will pass.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import chalk, { Chalk } from 'chalk';
import { ConfigError } from '../config/config-error.js';
import type { RegisteredCheck } from '../engine/registry.js';
import { createEvaluator } from './evaluate.js';
import { detectStack } from './detect/stack.js';
import { answeredChecks, resolveOnly, SCAFFOLDS } from './scaffolds/index.js';
import type { Scaffold } from './model.js';
import { classify, offers, predict, renderFiles, WRITES, type InitPlan } from './plan.js';
import { applyPlan, type WriteResult } from './apply.js';
import { askAnswers, askThreshold, confirmWrite, type PromptStreams } from './prompts.js';
import { defaultAnswers, followUps, type AnswerFlags } from './answers.js';
import { detectionText, diffsText, planText, resultText } from './report.js';
import { generatedFileProblem } from './validate.js';

export interface InitOptions extends AnswerFlags {
  yes?: boolean;
  dryRun?: boolean;
  force?: boolean;
  /** Scaffold or check ids (`--only`). */
  only?: string[];
  rubric?: string;
  plugins?: boolean;
  color?: boolean;
  /** Tests: the checks to run instead of the built ones in dist/. */
  registry?: RegisteredCheck[];
}

/** Offered scaffolds the chosen ones need and that are not chosen, transitively. */
function withNeeds(chosen: string[], offered: Scaffold[]): string[] {
  const ids = new Set(chosen);
  const added: string[] = [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of offered.filter((x) => ids.has(x.id))) {
      for (const need of s.needs ?? []) {
        if (ids.has(need) || !offered.some((o) => o.id === need)) continue;
        ids.add(need);
        added.push(need);
        changed = true;
      }
    }
  }
  return added;
}

export interface InitIo {
  out(text: string): void;
  /** Streams for the questions; null when there is no terminal to ask on. */
  prompts: PromptStreams | null;
}

export interface InitOutcome {
  code: number;
  plan: InitPlan | null;
  results: WriteResult[];
}

export async function runInit(targetArg: string, options: InitOptions, io: InitIo): Promise<InitOutcome> {
  const target = path.resolve(targetArg);
  if (!statSync(target, { throwIfNoEntry: false })?.isDirectory()) throw new ConfigError(`target path is not a directory: ${targetArg}`);
  const only = options.only?.length ? resolveOnly(options.only) : null;
  if (only?.unknown.length) {
    const known = [...SCAFFOLDS.map((s) => s.id), ...answeredChecks()].join(', ');
    throw new ConfigError(`--only: no scaffold answers ${only.unknown.map((u) => `"${u}"`).join(', ')} (known: ${known})`);
  }
  const interactive = !options.yes && !options.dryRun;
  if (interactive && !io.prompts) throw new ConfigError('mina init asks questions and needs a terminal: use --yes for the detected defaults, or --dry-run to see the plan');
  const c = options.color === false ? new Chalk({ level: 0 }) : chalk;
  const nothing = { code: 0, plan: null, results: [] };

  const evaluator = await createEvaluator(target, { rubric: options.rubric, plugins: options.plugins, registry: options.registry, alsoRun: answeredChecks() });
  const repo = await evaluator.context();
  const stack = await detectStack(repo);
  io.out(detectionText(stack, c) + '\n');
  const before = await evaluator.evaluate(repo);
  const all = offers({ repo, stack, before }, null);
  const offered = only ? all.filter((o) => only.scaffolds.has(o.scaffold.id)) : all;
  if (offered.length === 0) {
    io.out(only ? `Nothing to scaffold for ${options.only!.join(', ')}: those checks pass, do not apply, or have no scaffold for this stack.\n` : 'Nothing to scaffold: every check mina init answers already passes or does not apply.\n');
    return nothing;
  }
  let answers = defaultAnswers(stack, offered, options);
  if (interactive) answers = await askAnswers(offered, answers, io.prompts!);
  if (answers.scaffolds.length === 0) {
    io.out('Nothing selected.\n');
    return nothing;
  }
  const added = withNeeds(answers.scaffolds, all.map((o) => o.scaffold));
  if (added.length) io.out(`Also scaffolding ${added.join(', ')}: the chosen scaffolds build on ${added.length > 1 ? 'them' : 'it'}.\n\n`);
  answers = { ...answers, scaffolds: SCAFFOLDS.filter((s) => answers.scaffolds.includes(s.id) || added.includes(s.id)).map((s) => s.id) };
  const plan = async () => {
    const rendered = await renderFiles(repo, stack, answers, before);
    for (const { spec } of rendered) {
      const problem = generatedFileProblem(spec);
      if (problem) throw new Error(`generated ${spec.path} is invalid (${problem}): a template bug, please report it`);
    }
    return classify(target, rendered, options.force ?? false);
  };
  let files = await plan();
  const prediction = await predict(evaluator, target, files, before, answers);
  if (options.minScore === undefined) {
    // the gate starts at the score the repository will have, rounded down: it stops regressions
    const suggested = Math.max(5, Math.floor(prediction.after.score / 5) * 5);
    const threshold = interactive && answers.scaffolds.some((s) => s === 'mina-config' || s === 'readiness-gate') ? await askThreshold(suggested, prediction.after.score, io.prompts!) : suggested;
    if (threshold !== answers.minScore) {
      answers = { ...answers, minScore: threshold };
      files = await plan();
    }
  }
  const result: InitPlan = { files, before, ...prediction };
  io.out(planText(result, options.dryRun ?? false, c) + '\n');
  const writes = files.filter((f) => WRITES.has(f.action));
  if (options.dryRun) {
    const diffs = diffsText(result);
    if (diffs) io.out(diffs + '\n');
    return { code: 0, plan: result, results: [] };
  }
  if (writes.length === 0) {
    io.out('Nothing to write: every planned file exists (use --force to replace them; backups are kept).\n');
    return { code: 0, plan: result, results: [] };
  }
  if (interactive && !(await confirmWrite(writes.length, io.prompts!))) {
    io.out('Nothing written.\n');
    return { code: 0, plan: result, results: [] };
  }
  const results = await applyPlan(target, files);
  io.out(resultText(results, followUps(stack, answers, results), c));
  return { code: 0, plan: result, results };
}
