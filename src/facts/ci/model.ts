/**
 * The CI model every CI check reads: pipelines (a workflow file, a GitLab/CircleCI/Azure config, a
 * Jenkinsfile) made of jobs made of steps, with the events each job really runs on. Per-system
 * readers fill it; checks never look at raw YAML.
 */

export type CiSystem = 'github' | 'gitlab' | 'circleci' | 'azure' | 'jenkins';

/**
 * Normalised events. `pull_request` means the job tests proposed changes before merge (a PR/MR
 * pipeline, or a branch pipeline on every branch, which is how GitLab and CircleCI test MRs by
 * default); `push` a push to a branch; `tag` a tag-only push.
 */
export type CiEvent =
  | 'push'
  | 'pull_request'
  | 'pull_request_target'
  | 'merge_group'
  | 'tag'
  | 'release'
  | 'schedule'
  | 'manual'
  | 'workflow_run'
  | 'workflow_call'
  | 'comment'
  | 'other';

export interface Located<T> {
  value: T;
  file: string;
  line: number;
}

/** A string value from a CI file (a script, an input) that can say on which line a part of it sits. */
export interface CiText {
  text: string;
  file: string;
  line: number;
  /** 1-based line, in `file`, of the character at `index` in `text`. */
  lineAt(index: number): number;
}

export interface Command {
  /** Words of one simple command, wrappers (sudo, npx, poetry run, python -m …) removed. */
  argv: string[];
  file: string;
  line: number;
  /** Where a command came from when it is not in the CI file itself, e.g. `package.json scripts.ci`. */
  via?: string;
}

export interface CiStep {
  file: string;
  line: number;
  name?: string;
  /** Shell text: `run:`, `script:`, `sh '…'`, an inline-script task's input. */
  script?: CiText;
  /** An action (`owner/repo@ref`, `./path`, `docker://…`), a CircleCI orb command or an Azure task. */
  uses?: Located<string>;
  /** `with:` / orb parameters / task `inputs:`. */
  inputs: Map<string, CiText>;
  continueOnError: boolean;
  condition?: string;
  /** Working directory relative to the repository root, when the step sets one. */
  cwd?: string;
  /** Simple commands of `script`, npm/make scripts it calls resolved one level or more. */
  commands: Command[];
}

export interface GithubPermissions {
  line: number;
  /** `write-all`, `read-all`, `{}` or a scope map. */
  shape: 'write-all' | 'read-all' | 'none' | 'scopes' | 'other';
  writes: Located<string>[];
}

export interface CiJob {
  system: CiSystem;
  file: string;
  line: number;
  id: string;
  name?: string;
  /** The events this job runs on, after triggers, rules, filters and conditions. */
  events: Set<CiEvent>;
  steps: CiStep[];
  stage?: string;
  environment?: Located<string>;
  /** Started by a person (GitLab `when: manual`, a CircleCI approval before it, a Jenkins `input`). */
  manual: boolean;
  /** Waits for a person before running: an approval job, `input`, a manual GitLab deploy. */
  approval: boolean;
  allowFailure: boolean;
  condition?: string;
  /** Azure deployment strategy (runOnce, rolling, canary) and whether it declares `on: failure` steps. */
  strategy?: { kind: string; onFailure: boolean; line: number };
  /** GitHub: job-level `permissions`. */
  permissions?: GithubPermissions;
  /** GitHub: a reusable workflow this job calls (`uses:` at job level). */
  calls?: Located<string>;
  /** The job's steps came from an include, template or orb the collector could not read. */
  opaque?: Located<string>;
}

export interface CiPipeline {
  system: CiSystem;
  file: string;
  line: number;
  name?: string;
  /** Events that start the pipeline (jobs may narrow them). */
  events: Set<CiEvent>;
  /** Raw trigger names as written (GitHub `on:` keys), for messages and hardening rules. */
  triggers: Located<string>[];
  jobs: CiJob[];
  /** Includes, templates, orbs and remote workflows that were not read. */
  external: Located<string>[];
  /** GitHub: top-level `permissions`. */
  permissions?: GithubPermissions;
  /** GitHub: only `workflow_call` triggers it, so its token is the caller's. */
  reusableOnly?: boolean;
  /** Why the events were assumed rather than read (e.g. Jenkins multibranch). */
  assumption?: string;
}

/** A local GitHub action (`action.yml`); composite ones have steps. */
export interface CiAction {
  file: string;
  line: number;
  dir: string;
  using: string;
  steps: CiStep[];
}

export interface CiProblem {
  file: string;
  line: number;
  message: string;
}

export interface CiFacts {
  /** Every CI definition file read, by system. */
  files: { path: string; system: CiSystem }[];
  pipelines: CiPipeline[];
  actions: CiAction[];
  /** Files that could not be used: malformed YAML, alias bombs, wrong shape. */
  problems: CiProblem[];
}
