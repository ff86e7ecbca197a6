/**
 * The shape every container.dockerfile rule shares: a named rule that looks at one Dockerfile and
 * returns its findings (none = the Dockerfile passes the rule). The check scores per rule.
 */
import type { Finding } from '../../src/engine/check-api.js';
import type { RepoContext } from '../../src/context/repo-context.js';
import type { DockerfileInfo } from '../../src/facts/dockerfiles.js';

export interface RuleContext {
  repo: RepoContext;
  df: DockerfileInfo;
  /** True when a Kubernetes workload probes the image this Dockerfile builds. */
  probedByKubernetes: boolean;
  /** Information worth showing even when the rule passes. */
  note(text: string): void;
}

export interface Rule {
  id: string;
  title: string;
  check(ctx: RuleContext): Finding[] | Promise<Finding[]>;
}
