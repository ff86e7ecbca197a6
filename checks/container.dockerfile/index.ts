/**
 * container.dockerfile: every Dockerfile in the tree is hardened. Eight rules, each worth an equal
 * share of the score; a rule's share is the fraction of Dockerfiles that pass it, so fixing one rule
 * everywhere (or one Dockerfile entirely) moves the score. Builder stages are judged only on what
 * matters outside the final image (base pinning, secrets, remote ADDs).
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { dockerfilesFact } from '../../src/facts/dockerfiles.js';
import { k8sFact } from '../../src/facts/k8s/index.js';
import { baseRule, healthcheckRule, userRule } from './image-rules.js';
import { addUrlRule, dockerignoreRule, secretsRule } from './content-rules.js';
import { multiStageRule, packageCacheRule } from './build-rules.js';
import { containerStory, probedByKubernetes } from './container-story.js';
import type { Rule } from './rule.js';

const RULES: Rule[] = [userRule, baseRule, healthcheckRule, secretsRule, addUrlRule, packageCacheRule, multiStageRule, dockerignoreRule];
/** Development-environment images (VS Code dev containers) are never shipped. */
const DEV_ONLY = /(^|\/)\.devcontainer\//;

export default defineCheck({
  meta: {
    id: 'container.dockerfile',
    title: 'Hardened Dockerfile',
    category: 'infra',
    severity: 'high',
    description: 'Dockerfiles run as non-root, pin their bases, health-check, keep secrets and caches out, build in stages and filter the context.',
  },
  async applies({ repo }) {
    const dockerfiles = (await repo.fact(dockerfilesFact)).filter((d) => !DEV_ONLY.test(d.path));
    if (dockerfiles.length) return true;
    const story = await containerStory(repo, await repo.fact(k8sFact));
    if (story.kind === 'none') return { applies: false, reason: 'no Dockerfile and nothing that ships containers (no Kubernetes workloads, compose build or skaffold)' };
    if (story.kind === 'elsewhere') return { applies: false, reason: story.reason };
    return true;
  },
  async run({ repo }) {
    const dockerfiles = (await repo.fact(dockerfilesFact)).filter((d) => !DEV_ONLY.test(d.path));
    const k8s = await repo.fact(k8sFact);
    if (dockerfiles.length === 0) {
      const story = await containerStory(repo, k8s);
      const evidence = story.kind === 'containers' ? story.evidence : 'containers';
      return {
        score: 0,
        findings: [{ id: 'no-dockerfile', message: `the project ships containers (${evidence}) but has no Dockerfile in the repository`, hint: 'add a multi-stage Dockerfile that ends in a slim, non-root final stage with a HEALTHCHECK' }],
      };
    }
    const findings: Finding[] = [];
    const notes: string[] = [];
    const passed = new Map<string, number>(RULES.map((r) => [r.id, 0]));
    for (const df of dockerfiles) {
      if (df.stages.length === 0) {
        findings.push({ id: 'no-from', message: 'no FROM instruction: this Dockerfile cannot build', file: df.path, line: 1, hint: 'start the Dockerfile with `FROM <image>:<tag>`' });
        continue;
      }
      const ctx = { repo, df, probedByKubernetes: probedByKubernetes(df, dockerfiles, k8s), note: (t: string) => notes.push(t) };
      for (const rule of RULES) {
        const found = await rule.check(ctx);
        findings.push(...found);
        if (found.length === 0) passed.set(rule.id, passed.get(rule.id)! + 1);
      }
    }
    const shares = RULES.map((r) => passed.get(r.id)! / dockerfiles.length);
    const summary = RULES.map((r, i) => `${shares[i] === 1 ? '✓' : '✗'} ${r.title}`).join('; ');
    notes.unshift(`${dockerfiles.length} Dockerfile${dockerfiles.length > 1 ? 's' : ''}: ${summary}`);
    return { score: shares.reduce((a, b) => a + b, 0) / RULES.length, findings, notes };
  },
});
