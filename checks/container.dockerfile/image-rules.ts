/**
 * Rules about the image a Dockerfile produces: who it runs as, what it is built from, and whether
 * anything checks that it is healthy.
 */
import type { Finding } from '../../src/engine/check-api.js';
import { expandVariables, parseImageRef, stageNamed, type DockerfileInfo, type DockerProperty, type DockerStage, type ImageRef } from '../../src/facts/dockerfiles.js';
import type { Rule } from './rule.js';

/** Base images whose default user is not root. */
const NON_ROOT_BASES: Array<(image: ImageRef) => boolean> = [
  (i) => i.repository.startsWith('distroless/') && /nonroot/.test(i.tag ?? ''),
  (i) => i.registry === 'cgr.dev',
  (i) => i.repository.startsWith('bitnami/'),
  (i) => /(^|\/)nginx-unprivileged$/.test(i.repository),
];

export const userRule: Rule = {
  id: 'user',
  title: 'runs as a non-root USER',
  check({ df }) {
    const final = df.final;
    if (!final) return [];
    for (const stage of df.finalChain) {
      const user = [...stage.instructions].reverse().find((i) => i.keyword === 'USER');
      if (!user) continue;
      const name = resolveUser(user.args, df, stage, user.line);
      if (name === 'root' || name === '0') {
        return [{ id: 'root-user', message: `the final image runs as root (USER ${user.args})`, file: df.path, line: user.line, hint: 'create an unprivileged user (e.g. `RUN useradd -r -u 10001 app`) and end with `USER 10001`' }];
      }
      return [];
    }
    const base = df.finalChain[df.finalChain.length - 1].base;
    if (base.kind === 'image' && NON_ROOT_BASES.some((test) => test(base.image))) return [];
    return [{ id: 'no-user', message: 'the final stage never sets USER, so the container runs as root', file: df.path, line: final.line, hint: 'add `USER 10001` (or a named unprivileged user) after installing packages in the final stage' }];
  },
};

/** The user part of `USER name[:group]`, variables resolved; null when it depends on a build arg. */
function resolveUser(args: string, df: DockerfileInfo, stage: DockerStage, line: number): string | null {
  const vars: DockerProperty[] = [...df.globalArgs, ...stage.instructions.filter((i) => (i.keyword === 'ARG' || i.keyword === 'ENV') && i.line < line).flatMap((i) => i.properties)];
  const expanded = expandVariables(args.trim(), vars);
  if ('missing' in expanded) return null;
  return expanded.value.split(':')[0].trim().toLowerCase();
}

export const baseRule: Rule = {
  id: 'base-pinned',
  title: 'base images pinned (tag, ideally digest)',
  check({ df, note }) {
    const findings: Finding[] = [];
    const tagOnly: string[] = [];
    const judge = (image: ImageRef, line: number, what: string) => {
      if (image.digest) return;
      if (image.tag === null) {
        findings.push({ id: 'base-untagged', message: `${what} ${image.ref} has no tag, so it means :latest and changes under you`, file: df.path, line, hint: `pin a version tag, ideally with a digest: ${image.ref}:<version>@sha256:<digest>` });
      } else if (image.tag.toLowerCase() === 'latest') {
        findings.push({ id: 'base-latest', message: `${what} ${image.ref} is pinned to :latest, which changes under you`, file: df.path, line, hint: 'pin a version tag, ideally with a digest (`image:1.2.3@sha256:…`)' });
      } else tagOnly.push(image.ref);
    };
    for (const stage of df.stages) {
      if (stage.base.kind === 'image') judge(stage.base.image, stage.line, 'base image');
      else if (stage.base.kind === 'unresolved' && stage.base.variable) note(`${df.path}:${stage.line}: the base image comes from build arg ${stage.base.variable}, which has no default to check`);
      for (const ins of stage.instructions) {
        const from = ins.keyword === 'COPY' ? ins.flags.find((f) => f.name === 'from')?.value : null;
        if (from && !stageNamed(df, from)) {
          const expanded = expandVariables(from, df.globalArgs);
          if ('value' in expanded) judge(parseImageRef(expanded.value), ins.line, 'COPY --from image');
        }
      }
    }
    if (tagOnly.length && findings.length === 0) note(`${df.path}: ${tagOnly.join(', ')} pinned by tag; a digest (@sha256:…) also makes builds reproducible`);
    return findings;
  },
};

export const healthcheckRule: Rule = {
  id: 'healthcheck',
  title: 'HEALTHCHECK or Kubernetes probes',
  check({ df, probedByKubernetes, note }) {
    if (!df.final) return [];
    for (const stage of df.finalChain) {
      const hc = [...stage.instructions].reverse().find((i) => i.keyword === 'HEALTHCHECK');
      if (!hc) continue;
      if (hc.args.trim().toUpperCase() !== 'NONE') return [];
      if (probedByKubernetes) break;
      return [{ id: 'healthcheck-disabled', message: 'HEALTHCHECK NONE disables health checking for the image', file: df.path, line: hc.line, hint: 'replace it with `HEALTHCHECK CMD <a command that checks the service>`, or add liveness/readiness probes' }];
    }
    if (probedByKubernetes) {
      note(`${df.path}: no HEALTHCHECK, but Kubernetes probes check the image`);
      return [];
    }
    return [{ id: 'no-healthcheck', message: 'no HEALTHCHECK and no Kubernetes probes for this image', file: df.path, line: df.final.line, hint: 'add `HEALTHCHECK CMD curl -fsS http://localhost:8080/healthz || exit 1` (or wget / a binary probe on distroless), or liveness/readiness probes in the Deployment' }];
  },
};
