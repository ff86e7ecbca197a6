/**
 * Vulnerability scanners in CI steps, by what they scan: container images (Trivy image, Grype on an
 * image, Snyk container, Docker Scout, GitLab container scanning), the file system (Trivy fs/repo,
 * Grype dir, OSV-Scanner) or declared dependencies (npm/pip/cargo audits, Snyk test, dependency
 * review, `mina check`). Misconfiguration-only and SAST tools (trivy config, CodeQL) are not scanners
 * of vulnerabilities in what ships, so they do not count.
 */
import { commandLabel, type CiStep, type Command, type Located } from '../../src/facts/ci/index.js';

export type ScanKind = 'image' | 'fs' | 'deps';

export interface Scan {
  kind: ScanKind;
  tool: string;
  file: string;
  line: number;
}

const TRIVY_IMAGE = new Set(['image', 'i']);
const TRIVY_FS = new Set(['fs', 'filesystem', 'repo', 'repository', 'rootfs', 'sbom', 'vm']);

export function commandScan(c: Command): ScanKind | null {
  const [tool, a1 = '', a2 = ''] = c.argv;
  const sub = c.argv.slice(1).filter((a) => !a.startsWith('-'));
  switch (tool) {
    case 'trivy':
      return TRIVY_IMAGE.has(sub[0] ?? '') ? 'image' : TRIVY_FS.has(sub[0] ?? '') ? 'fs' : null;
    case 'grype':
      return sub[0] && /^(dir|file|sbom):/.test(sub[0]) ? 'fs' : sub[0] ? (sub[0] === '.' ? 'fs' : 'image') : null;
    case 'snyk':
      if (sub[0] === 'container') return 'image';
      return sub[0] === 'test' || sub[0] === 'monitor' ? 'deps' : null;
    case 'docker':
      if (a1 === 'scout' && /^(cves|quickview|recommendations|compare)$/.test(a2)) return 'image';
      return a1 === 'scan' ? 'image' : null;
    case 'osv-scanner':
      return 'fs';
    case 'clair-scanner':
    case 'clairctl':
    case 'anchore-cli':
      return 'image';
    case 'mina':
      return a1 === 'check' ? 'deps' : null;
    case 'npm':
    case 'yarn':
    case 'pnpm':
    case 'composer':
    case 'cargo':
      return sub[0] === 'audit' || (tool === 'yarn' && sub[0] === 'npm' && sub[1] === 'audit') ? 'deps' : null;
    case 'pip-audit':
    case 'bundle-audit':
    case 'bundler-audit':
    case 'govulncheck':
    case 'dependency-check':
    case 'dependency-check.sh':
    case 'retire':
    case 'nancy':
      return 'deps';
    case 'safety':
      return sub[0] === 'check' || sub[0] === 'scan' ? 'deps' : null;
    case 'bundle':
      return a1 === 'audit' ? 'deps' : null;
    case 'dotnet':
      return c.argv.includes('--vulnerable') ? 'deps' : null;
    case 'mvn':
    case 'mvnw':
      return c.argv.some((a) => /dependency-check(-maven)?:(check|aggregate)/.test(a)) ? 'deps' : null;
    default:
      return null;
  }
}

/** Actions, orbs, Azure tasks and GitLab templates/components that scan. */
export function usesScan(uses: string, input: (key: string) => string): ScanKind | null {
  const u = uses.toLowerCase();
  if (u.startsWith('aquasecurity/trivy-action')) {
    const type = input('scan-type') || 'image';
    return type === 'image' ? 'image' : TRIVY_FS.has(type) ? 'fs' : null;
  }
  if (u.startsWith('anchore/scan-action')) return input('image') ? 'image' : 'fs';
  if (u.startsWith('docker/scout-action')) return /cves|quickview|recommendations|compare/.test(input('command') || 'quickview') ? 'image' : null;
  if (u.startsWith('snyk/actions/')) {
    if (/^snyk\/actions\/docker/.test(u)) return 'image';
    return /code|iac/.test(input('command')) ? null : 'deps';
  }
  if (/^google\/osv-scanner(-action)?\//.test(u) || u.startsWith('google/osv-scanner-action')) return 'fs';
  if (u.startsWith('actions/dependency-review-action')) return 'deps';
  if (/^[\w.-]+\/mina(-action)?(\/[^@]*)?@/.test(u)) return 'deps';
  if (/^(snyk\/scan|snyk\/snyk)/.test(u)) return input('docker-image-name') ? 'image' : 'deps';
  if (/^(trivy|anchore|grype|aquasec)[\w-]*\//.test(u)) return 'image';
  if (/^snyksecurityscan@/.test(u)) return input('testType') === 'container' ? 'image' : 'deps';
  if (/^(trivy|aquasecuritytrivy)@/.test(u)) return 'image';
  if (/^(dependency-check-build-task|whitesource|mend)[\w-]*@/.test(u)) return 'deps';
  return null;
}

/** GitLab includes (templates and CI/CD components) that add scanning jobs. */
export function includeScan(ref: Located<string>): ScanKind | null {
  const v = ref.value.toLowerCase();
  if (/container-scanning|auto-devops/.test(v)) return 'image';
  if (/dependency-scanning/.test(v)) return 'deps';
  return null;
}

export function stepScans(step: CiStep): Scan[] {
  const out: Scan[] = [];
  for (const c of step.commands) {
    const kind = commandScan(c);
    if (kind) out.push({ kind, tool: commandLabel(c.argv, 2), file: c.file, line: c.line });
  }
  if (step.uses) {
    const kind = usesScan(step.uses.value, (k) => step.inputs.get(k)?.text.trim() ?? '');
    if (kind) out.push({ kind, tool: step.uses.value, file: step.uses.file, line: step.uses.line });
  }
  return out;
}

const IMAGE_BUILD_USES = /^(docker\/build-push-action|docker\/bake-action|redhat-actions\/buildah-build|docker\/build|docker\/publish)|^docker@\d/i;

/** Whether a step builds a container image. */
export function buildsImage(step: CiStep): boolean {
  if (step.uses && IMAGE_BUILD_USES.test(step.uses.value)) return true;
  return step.commands.some(({ argv: [tool, a1, a2] }) =>
    ((tool === 'docker' || tool === 'podman') && (a1 === 'build' || (a1 === 'buildx' && a2 === 'build') || (a1 === 'image' && a2 === 'build') || (a1 === 'compose' && a2 === 'build'))) ||
    (tool === 'buildah' && (a1 === 'bud' || a1 === 'build')) ||
    tool === 'kaniko' || tool === 'executor' || (tool === 'pack' && a1 === 'build') || (tool === 'ko' && a1 === 'build'));
}
