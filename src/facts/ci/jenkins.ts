/**
 * Jenkinsfile (declarative or scripted) read as Groovy text structure: a small lexer that knows
 * strings (all four quote forms) and comments, then `stage('…') { … }` blocks matched by braces,
 * `sh`/`bat`/`powershell` steps with their script text, `input` gates, `when { branch … }` guards
 * and `triggers { cron … }`. Which events build is configured in Jenkins, not in the file: a
 * multibranch pipeline (the usual setup for a Jenkinsfile) builds pushed branches and pull requests.
 */
import type { CiEvent, CiJob, CiPipeline, CiStep } from './model.js';
import { slicedText } from './ci-text.js';

export const JENKINS_GLOBS = ['**/Jenkinsfile', '**/Jenkinsfile.*', '**/*.jenkinsfile'];
const SHELL_STEPS = new Set(['sh', 'bat', 'powershell', 'pwsh']);
const RESULT_STEPS = new Set(['junit', 'xunit', 'nunit']);
const MAX_TOKENS = 500_000;

interface Token {
  kind: 'ident' | 'string' | 'punct';
  value: string;
  /** Offset of the token (for strings: of the first character inside the quotes). */
  at: number;
}

export function lexGroovy(text: string): Token[] {
  const out: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n && out.length < MAX_TOKENS) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? n : eol;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === "'" || c === '"') {
      const triple = text.startsWith(c.repeat(3), i);
      const q = triple ? c.repeat(3) : c;
      const start = i + q.length;
      let j = start;
      let value = '';
      while (j < n && !text.startsWith(q, j)) {
        if (text[j] === '\\' && j + 1 < n) {
          value += text[j + 1] === 'n' ? '\n' : text[j + 1];
          j += 2;
        } else if (!triple && text[j] === '\n') break;
        else value += text[j++];
      }
      out.push({ kind: 'string', value, at: start });
      i = Math.min(n, j + q.length);
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < n && /[\w$]/.test(text[j])) j++;
      out.push({ kind: 'ident', value: text.slice(i, j), at: i });
      i = j;
    } else if ('{}():,'.includes(c)) {
      out.push({ kind: 'punct', value: c, at: i });
      i++;
    } else i++;
  }
  return out;
}

interface Block {
  stage: CiJob | null;
  kind: string;
}

export function readJenkinsfile(text: string, file: string, lineAt: (offset: number) => number): CiPipeline {
  const t = lexGroovy(text);
  const base = new Set<CiEvent>(['push', 'pull_request']);
  const jobs: CiJob[] = [];
  const stack: Block[] = [];
  let pendingStage: CiJob | null = null;
  let pendingKind = '';
  let gated = false;
  const current = () => [...stack].reverse().find((b) => b.stage)?.stage ?? null;
  const inside = (kind: string) => stack.some((b) => b.kind === kind);
  const stringAfter = (k: number): Token | undefined => {
    // sh 'x' | sh('x') | sh(script: 'x', …) | sh script: 'x'
    for (let j = k + 1; j < Math.min(t.length, k + 6); j++) {
      if (t[j].kind === 'string') return t[j];
      if (t[j].kind === 'punct' && t[j].value === '{') return undefined;
      if (t[j].kind === 'ident' && t[j].value !== 'script') return undefined;
    }
    return undefined;
  };
  for (let k = 0; k < t.length; k++) {
    const tok = t[k];
    if (tok.kind === 'punct' && tok.value === '{') {
      stack.push({ stage: pendingStage, kind: pendingKind });
      pendingStage = null;
      pendingKind = '';
      continue;
    }
    if (tok.kind === 'punct' && tok.value === '}') {
      stack.pop();
      continue;
    }
    if (tok.kind !== 'ident') continue;
    const v = tok.value;
    if (v === 'stage' && t[k + 1]?.value === '(' && t[k + 2]?.kind === 'string') {
      pendingStage = { system: 'jenkins', file, line: lineAt(tok.at), id: t[k + 2].value, events: new Set(base), steps: [], stage: t[k + 2].value, manual: false, approval: gated, allowFailure: false };
      jobs.push(pendingStage);
      k += 2;
    } else if (v === 'when' || v === 'triggers' || v === 'steps' || v === 'parallel' || v === 'stages') {
      pendingKind = v;
    } else if (SHELL_STEPS.has(v)) {
      const s = stringAfter(k);
      const job = current();
      if (s && job) job.steps.push(step(file, lineAt(tok.at), { script: slicedText(s.value, file, s.at, lineAt) }));
    } else if (RESULT_STEPS.has(v)) {
      current()?.steps.push(step(file, lineAt(tok.at), { uses: { value: v, file, line: lineAt(tok.at) } }));
    } else if (v === 'input' && (t[k + 1]?.value === '(' || t[k + 1]?.value === '{' || t[k + 1]?.kind === 'ident' || t[k + 1]?.kind === 'string')) {
      const job = current();
      if (job) job.approval = true;
      // An input gate holds every later stage too.
      gated = true;
    } else if (inside('when')) {
      const job = current();
      if (!job) continue;
      if (v === 'branch') job.events.delete('pull_request');
      else if (v === 'changeRequest') job.events = new Set(job.events.has('pull_request') ? ['pull_request'] : []);
      else if (v === 'buildingTag' || v === 'tag') job.events = new Set(['tag']);
    } else if (inside('triggers') && (v === 'cron' || v === 'pollSCM' || v === 'parameterizedCron')) {
      base.add('schedule');
    }
  }
  for (const job of jobs) if (base.has('schedule')) job.events.add('schedule');
  return {
    system: 'jenkins',
    file,
    line: 1,
    events: base,
    triggers: [],
    jobs,
    external: [],
    assumption: 'Jenkins decides which events build; read as a multibranch pipeline that builds pushed branches and pull requests',
  };
}

function step(file: string, line: number, extra: Partial<CiStep>): CiStep {
  return { file, line, inputs: new Map(), continueOnError: false, commands: [], ...extra };
}
