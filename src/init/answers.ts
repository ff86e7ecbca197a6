/**
 * The answers `--yes` takes — detected values, overridable by flags — and the steps left to the
 * user after writing (secrets to create, settings to switch on, placeholders to replace).
 */
import { ConfigError } from '../config/config-error.js';
import type { Answers, Offer, Scaffold, Stack } from './model.js';
import type { WriteResult } from './apply.js';
import { CODE_OWNER, dnsLabel, IMAGE_REF, K8S_NAME } from './template/values.js';

export interface AnswerFlags {
  name?: string;
  port?: number;
  image?: string;
  namespace?: string;
  minScore?: number;
  owner?: string;
  securityContact?: string;
}

export const PLACEHOLDER_OWNER = '@your-org/maintainers';
const PLACEHOLDER_REGISTRY = 'ghcr.io/your-org';
const EMAIL = /^[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,200}\.[A-Za-z]{2,}$/;

export function defaultAnswers(stack: Stack, offered: Array<{ scaffold: Scaffold; offer: Offer }>, flags: AnswerFlags): Answers {
  const name = flags.name?.trim() || stack.name.value;
  const { host, owner } = stack.git;
  const github = host === 'github.com' && owner ? owner.toLowerCase() : null;
  const deployed = stack.k8s.workloads.flatMap((w) => w.images).find((i) => IMAGE_REF.test(i));
  const image = flags.image ?? deployed ?? `${github ? `ghcr.io/${github}` : PLACEHOLDER_REGISTRY}/${dnsLabel(name)}`;
  if (!IMAGE_REF.test(image)) throw new ConfigError(`--image "${image}" is not an image repository (lower-case registry/path, no tag)`);
  if (flags.namespace !== undefined && !K8S_NAME.test(flags.namespace)) throw new ConfigError(`--namespace "${flags.namespace}" is not a Kubernetes namespace name`);
  const codeOwner = flags.owner ?? (github ? `@${owner}` : PLACEHOLDER_OWNER);
  if (!CODE_OWNER.test(codeOwner)) throw new ConfigError(`--owner "${codeOwner}" must be @user or @org/team`);
  if (flags.securityContact !== undefined && !EMAIL.test(flags.securityContact)) throw new ConfigError(`--security-contact "${flags.securityContact}" is not an email address`);
  return {
    scaffolds: offered.filter((o) => o.offer.preselect).map((o) => o.scaffold.id),
    name,
    port: flags.port ?? stack.app?.port.value ?? 8000,
    image,
    namespace: flags.namespace ?? null,
    ingressNamespace: 'ingress-nginx',
    minScore: flags.minScore ?? 1,
    codeOwner,
    securityContact: flags.securityContact ?? null,
  };
}

export function followUps(stack: Stack, answers: Answers, results: WriteResult[]): string[] {
  const wrote = (p: RegExp) => results.some((r) => r.outcome !== 'skipped' && p.test(r.path));
  const out: string[] = [];
  const existing = stack.k8s.workloads[0];
  const secret = existing ? (existing.envSecrets[0] ?? `${existing.name}-env`) : `${dnsLabel(answers.name)}-env`;
  if (wrote(/(^|\/)deployment\.yaml$/)) out.push(`create the Secret with the app's settings before the first deploy: kubectl create secret generic ${secret} --from-env-file=.env.production`);
  if (wrote(/backup-postgres\.yaml$/)) out.push(`the backup job reads ${stack.databaseUrlEnv.value} from the Secret ${secret}: make sure it holds that key`);
  if (wrote(/^\.github\/workflows\/deploy\.yml$/)) out.push('add the KUBECONFIG repository secret and protect the `production` environment with required reviewers (Settings → Environments)');
  if (answers.image.startsWith(PLACEHOLDER_REGISTRY) && (wrote(/deploy\.yml$/) || wrote(/deployment\.yaml$/))) out.push(`replace the image repository ${answers.image} (no GitHub remote was found) in the deploy workflow and the Deployment`);
  if (answers.codeOwner === PLACEHOLDER_OWNER && (wrote(/CODEOWNERS$/) || wrote(/incident-response\.md$/))) out.push(`replace ${PLACEHOLDER_OWNER} with a real team in .github/CODEOWNERS and docs/incident-response.md`);
  if (wrote(/^SECURITY\.md$/)) out.push('enable private vulnerability reporting (Settings → Code security), the channel SECURITY.md names');
  if (wrote(/^Dockerfile$/)) out.push('pin the base image digest in the Dockerfile once you have pulled it (docker buildx imagetools inspect <image>)');
  if (wrote(/backup-postgres\.yaml$/)) out.push('copy the nightly dumps off the cluster (object storage) and rehearse docs/runbooks/restore.md');
  return out;
}
