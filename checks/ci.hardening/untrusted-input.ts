/**
 * Untrusted input reaching privileged code:
 * - a `pull_request_target` or `workflow_run` job (secrets, a write token) that checks out the pull
 *   request's head and so runs the attacker's code ("pwn request");
 * - `${{ … }}` expressions with attacker-controlled values (issue/PR titles and bodies, branch
 *   names, commit messages) pasted into a `run:` script or a github-script `script:`, where the
 *   runner substitutes them before the shell parses the script (script injection).
 */
import type { Finding, Severity } from '../../src/engine/check-api.js';
import type { CiEvent, CiStep, CiText } from '../../src/facts/ci/index.js';
import type { RuleResult } from './permissions.js';

const PRIVILEGED: CiEvent[] = ['pull_request_target', 'workflow_run', 'comment'];
const HEAD_REF = /github\.event\.pull_request\.(head\.(sha|ref|repo)|merge_commit_sha)|github\.head_ref|github\.event\.workflow_run\.(head_sha|head_branch|head_commit|head_repository|pull_requests)|refs\/pull\/|github\.event\.(pull_request\.)?number|github\.event\.issue\.number/;
const EXPRESSION = /\$\{\{([^}]{1,800})\}\}/g;
/**
 * Parts of the event payload nobody outside the repository can shape: numbers, SHAs, booleans,
 * timestamps, the base repository, the acting account's name, dispatch inputs of writers.
 */
const SAFE_EVENT_PATH = /^github\.event\.(repository|organization|enterprise|installation|sender|inputs)\b|\.(number|id|node_id|sha|head_sha|base_sha|before|after|merged|draft|state|action|run_id|run_number|run_attempt|created_at|updated_at|closed_at|merged_at|additions|deletions|changed_files|commits|size|forced|deleted|created|login|type|private|fork|conclusion|status|event)\s*$/;

export interface UntrustedTarget {
  step: CiStep;
  /** Events of the job the step belongs to; empty for composite actions (their callers decide). */
  events: Set<CiEvent>;
  jobId?: string;
}

export function untrustedCheckoutFindings(targets: UntrustedTarget[]): RuleResult {
  const findings: Finding[] = [];
  for (const { step, events, jobId } of targets) {
    const trigger = PRIVILEGED.slice(0, 2).find((e) => events.has(e));
    if (!trigger) continue;
    const uses = step.uses?.value ?? '';
    let line: number | undefined;
    if (/^actions\/checkout@/i.test(uses)) {
      const input = ['ref', 'repository'].map((k) => step.inputs.get(k)).find((t) => t && HEAD_REF.test(t.text));
      if (input) line = input.line;
    }
    line ??= step.commands.find((c) => isHeadFetch(c.argv))?.line;
    if (line === undefined) continue;
    findings.push({
      id: 'untrusted-checkout',
      message: `job \`${jobId ?? '?'}\` runs on ${trigger} (secrets and a write token) and checks out the pull request's head: code from a fork runs with those privileges`,
      file: step.file,
      line,
      severity: 'critical',
      hint: 'use `pull_request` for anything that runs PR code; keep pull_request_target/workflow_run jobs to the base ref, or pass data through artifacts treated as untrusted',
    });
  }
  return { findings, score: findings.length ? 0 : 1 };
}

function isHeadFetch(argv: string[]): boolean {
  const joined = argv.join(' ');
  if (argv[0] === 'gh' && argv[1] === 'pr' && argv[2] === 'checkout') return true;
  return argv[0] === 'git' && (argv[1] === 'fetch' || argv[1] === 'checkout' || argv[1] === 'pull') && HEAD_REF.test(joined);
}

export function injectionFindings(targets: UntrustedTarget[]): RuleResult {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const { step, events, jobId } of targets) {
    const texts: { text: CiText; where: string }[] = [];
    if (step.script) texts.push({ text: step.script, where: '`run:` script' });
    const gs = /^actions\/github-script@/i.test(step.uses?.value ?? '') ? step.inputs.get('script') : undefined;
    if (gs) texts.push({ text: gs, where: 'github-script `script:`' });
    const privileged = PRIVILEGED.find((e) => events.has(e));
    const label = privileged === 'comment' ? 'issue/comment events anyone can trigger' : privileged;
    const severity: Severity = privileged ? 'critical' : 'high';
    for (const { text, where } of texts) {
      for (const m of text.text.matchAll(EXPRESSION)) {
        const bad = untrustedReference(m[1]);
        if (!bad) continue;
        const line = text.lineAt(m.index ?? 0);
        const key = `${text.file}:${line}:${bad}`;
        if (seen.has(key)) continue;
        seen.add(key);
        findings.push({
          id: 'script-injection',
          message: `\`${bad}\` is interpolated into a ${where}${jobId ? ` of job \`${jobId}\`` : ''}${label ? ` that runs on ${label}` : ''}: whoever controls that text controls the script`,
          file: text.file,
          line,
          severity,
          hint: `pass it through an environment variable instead: env: { VALUE: \${{ ${bad} }} } and use "$VALUE" in the script`,
        });
      }
    }
  }
  return { findings, score: findings.length ? 0 : 1 };
}

/** The first attacker-controlled context an expression reads, or null. */
export function untrustedReference(expression: string): string | null {
  for (const m of expression.matchAll(/github\.(?:event\b(?:\.[\w-]+|\[[^\]]{0,80}\]|\.\*)*|head_ref\b)/g)) {
    const ref = m[0];
    if (ref === 'github.head_ref') return ref;
    if (!SAFE_EVENT_PATH.test(ref)) return ref;
  }
  return null;
}
