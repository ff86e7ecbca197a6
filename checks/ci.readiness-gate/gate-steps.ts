/**
 * Finds mina in CI steps — `mina check` however it is launched (npx, pnpm dlx, node bin/mina.js,
 * a container image, an npm script) or the mina GitHub Action — and reads the threshold it gates
 * on: `--min-score N`, `--fail-on SEVERITY`, the Action's `min-score`/`fail-on` inputs, or a
 * `--rubric` file whose `gate:` sets one.
 */
import type { CiStep, Command } from '../../src/facts/ci/index.js';

export interface GateStep {
  step: CiStep;
  file: string;
  line: number;
  /** `--min-score 80`, `fail-on: high`, or null when no threshold is given here. */
  threshold: string | null;
  /** A rubric file the command names, whose `gate:` may hold the threshold. */
  rubric: string | null;
  /** The target path given to `mina check`, where mina starts looking for its config. */
  target: string;
  /** `|| true`, `; exit 0` and the like after the command. */
  swallowed: boolean;
}

/** `owner/mina@ref`, `owner/mina-action@ref`, `owner/mina/sub@ref`. */
const MINA_ACTION = /^[\w.-]+\/(mina|mina-action|mina-check)(\/[^@]*)?@/i;

export function gateSteps(step: CiStep): GateStep[] {
  const out: GateStep[] = [];
  if (step.uses && MINA_ACTION.test(step.uses.value)) {
    const min = step.inputs.get('min-score')?.text.trim();
    const failOn = step.inputs.get('fail-on')?.text.trim();
    const threshold = min && positive(min) ? `min-score: ${min}` : failOn && failOn !== 'none' ? `fail-on: ${failOn}` : null;
    out.push({ step, file: step.uses.file, line: step.uses.line, threshold, rubric: step.inputs.get('rubric')?.text.trim() || null, target: step.inputs.get('path')?.text.trim() || '.', swallowed: false });
  }
  for (const c of step.commands) {
    const at = minaCheckIndex(c.argv);
    if (at < 0) continue;
    const args = c.argv.slice(at + 1);
    const flag = (name: string) => {
      const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
      if (i < 0) return undefined;
      return args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1];
    };
    const min = flag('--min-score');
    const failOn = flag('--fail-on');
    const threshold = min !== undefined && positive(min) ? `--min-score ${min}` : failOn && failOn !== 'none' ? `--fail-on ${failOn}` : null;
    const target = args.find((a, i) => !a.startsWith('-') && !isFlagValue(args, i)) ?? '.';
    out.push({ step, file: c.file, line: c.line, threshold, rubric: flag('--rubric') ?? null, target, swallowed: swallowed(step, c) });
  }
  return out;
}

/** Index of `check` in `mina check …`, `node …/mina.js check`, `docker run img/mina:1 check`; -1 if none. */
function minaCheckIndex(argv: string[]): number {
  for (let i = 0; i < argv.length - 1; i++) {
    const base = argv[i].slice(argv[i].lastIndexOf('/') + 1).replace(/:[\w.-]+$/, '').replace(/@[\w.^~-]+$/, '');
    if ((base === 'mina' || base === 'mina.js') && argv[i + 1] === 'check') return i + 1;
  }
  return -1;
}

const VALUED = new Set(['--rubric', '--format', '-o', '--output', '--min-score', '--fail-on', '--url', '--database-url', '--advisory-db']);

function isFlagValue(args: string[], i: number): boolean {
  return i > 0 && VALUED.has(args[i - 1]);
}

function positive(v: string): boolean {
  const n = Number(v);
  // An expression (${{ inputs.min }}) is a threshold someone chose; 0 gates nothing.
  return Number.isNaN(n) ? v.length > 0 : n > 0;
}

/** The command's own line in the script ends in `|| true`, `|| exit 0`, `|| :` or `; exit 0`. */
function swallowed(step: CiStep, c: Command): boolean {
  if (!step.script || c.file !== step.script.file) return false;
  const text = step.script.text;
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end);
    if (line.includes('mina') && line.includes('check') && step.script.lineAt(start) === c.line) {
      return /\|\|\s{0,8}(true\b|:|exit\s{1,8}0\b)|;\s{0,8}exit\s{1,8}0\b/.test(line);
    }
    if (end < 0) break;
    start = end + 1;
  }
  return false;
}
