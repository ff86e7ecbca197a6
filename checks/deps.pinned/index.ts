/**
 * deps.pinned: what gets installed is decided by the repository, not by the day of the build.
 * Python requirements are pinned with `==` (or locked by poetry/uv/Pipfile/pdm), Node manifests have
 * a lockfile, Docker base images name a tag other than `latest` (or a digest). Partial credit is
 * the share of pinned items.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { dockerBaseImagesFact, manifestsFact } from '../../src/facts/deps/collect.js';
import type { DeclaredRequirement } from '../../src/facts/deps/model.js';

const LOCKED_BY_MANIFEST = /(^|\/)(package\.json|pyproject\.toml|Pipfile)$/;
/** A VCS or archive reference fixed to one commit or checked by hash. */
const FIXED_REFERENCE = /(@|#)[0-9a-f]{40}\b|#(sha256|sha384|sha512)=/i;

export default defineCheck({
  meta: {
    id: 'deps.pinned',
    title: 'Dependencies pinned or locked',
    category: 'security',
    severity: 'medium',
    description: 'Python requirements are pinned (==) or locked, Node manifests have a lockfile, Docker base images are pinned by tag or digest.',
  },
  async applies({ repo }) {
    const { declared } = await repo.fact(manifestsFact);
    const images = await repo.fact(dockerBaseImagesFact);
    return declared.length + images.length > 0 || { applies: false, reason: 'no dependency manifest and no Dockerfile' };
  },
  async run({ repo }) {
    const { declared, manifests } = await repo.fact(manifestsFact);
    const images = await repo.fact(dockerBaseImagesFact);
    const lockOf = new Map(manifests.map((m) => [m.path, m.lockfile]));
    const findings: Finding[] = [];
    let pinned = 0;
    let total = 0;

    const unlockedByManifest = new Map<string, DeclaredRequirement[]>();
    for (const req of declared) {
      total++;
      const locked = LOCKED_BY_MANIFEST.test(req.file) && lockOf.get(req.file);
      if (locked || req.pin === 'pinned' || (req.pin === 'url' && FIXED_REFERENCE.test(req.spec))) {
        pinned++;
      } else if (LOCKED_BY_MANIFEST.test(req.file)) {
        unlockedByManifest.set(req.file, [...(unlockedByManifest.get(req.file) ?? []), req]);
      } else {
        findings.push({
          id: 'unpinned-requirement',
          message: req.spec ? `${req.name}${req.pin === 'url' ? ` @ ${req.spec}` : req.spec} allows more than one version` : `${req.name} has no version at all`,
          file: req.file,
          line: req.line,
          hint: 'pin the exact version (`==`), e.g. with pip-compile or `pip freeze`, or install from a lockfile',
        });
      }
    }
    for (const [file, reqs] of unlockedByManifest) {
      const node = file.endsWith('package.json');
      const names = reqs.slice(0, 5).map((r) => `${r.name}${r.spec ? ` ${r.spec}` : ''}`).join(', ');
      findings.push({
        id: 'no-lockfile',
        message: `${file} has ${reqs.length} dependenc${reqs.length === 1 ? 'y' : 'ies'} without an exact version and no lockfile (${names}${reqs.length > 5 ? ', …' : ''})`,
        file,
        line: Math.min(...reqs.map((r) => r.line)),
        hint: node ? 'commit the lockfile (package-lock.json, yarn.lock or pnpm-lock.yaml) and install with `npm ci`' : 'lock with `poetry lock` or `uv lock` and commit the lockfile, or pin every requirement with ==',
      });
    }
    for (const image of images) {
      total++;
      if (image.pinned) {
        pinned++;
        continue;
      }
      findings.push({
        id: 'unpinned-base-image',
        message: `base image ${image.image} is not pinned to a version (no tag, or :latest)`,
        file: image.file,
        line: image.line,
        hint: 'name a version tag (python:3.12-slim), ideally with its digest (@sha256:…)',
      });
    }
    const score = total === 0 ? 1 : pinned / total;
    return { score, findings, notes: [`${pinned} of ${total} dependencies and base images pinned or locked`] };
  },
});
