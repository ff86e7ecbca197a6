/**
 * container.scanning: CI scans for known vulnerabilities — container images when the project ships
 * images (it has a Dockerfile), otherwise the file system or dependencies — and does so without
 * someone having to start it.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { allJobs, ciFact, runsAutomatically, type CiJob } from '../../src/facts/ci/index.js';
import { buildsImage, includeScan, stepScans, usesScan, type Scan } from './scanners.js';

const DOCKERFILES = ['**/Dockerfile', '**/*.Dockerfile', '**/Dockerfile.*', '**/Containerfile'];

interface Found extends Scan {
  automatic: boolean;
  job?: CiJob;
}

export default defineCheck({
  meta: {
    id: 'container.scanning',
    title: 'CI scans images and dependencies for vulnerabilities',
    category: 'infra',
    severity: 'medium',
    description: 'CI runs a vulnerability scanner (Trivy, Grype, Snyk, Docker Scout, OSV-Scanner, mina …) on the images it ships, or on the file system and dependencies when it ships none.',
  },
  async run({ repo }) {
    const ci = await repo.fact(ciFact);
    const found: Found[] = [];
    let imageBuild: { file: string; line: number } | undefined;
    for (const { job } of allJobs(ci)) {
      // A job that calls a remote reusable workflow (google/osv-scanner-action's, say) scans through it.
      const called = job.calls ? usesScan(job.calls.value, () => '') : null;
      if (called && job.calls) found.push({ kind: called, tool: job.calls.value, file: job.calls.file, line: job.calls.line, automatic: runsAutomatically(job), job });
      for (const step of job.steps) {
        for (const scan of stepScans(step)) found.push({ ...scan, automatic: runsAutomatically(job), job });
        if (!imageBuild && buildsImage(step)) imageBuild = { file: step.file, line: step.line };
      }
    }
    for (const p of ci.pipelines) {
      for (const ref of p.external) {
        const kind = includeScan(ref);
        if (kind) found.push({ kind, tool: ref.value, file: ref.file, line: ref.line, automatic: p.jobs.length === 0 || p.jobs.some(runsAutomatically) });
      }
    }
    // Dev containers and test fixtures are not shipped images.
    const dockerfiles = repo.glob(DOCKERFILES, { nocase: true }).filter((f) => !/\.(dockerignore|md|txt)$/i.test(f.path) && !/(^|\/)(\.devcontainer|fixtures?|testdata|examples?)\//i.test(f.path));
    const findings: Finding[] = [];
    if (!found.length) {
      findings.push({
        id: 'no-scanning',
        message: ci.pipelines.length ? 'no CI step scans images or dependencies for vulnerabilities' : 'no CI configuration, so nothing scans for vulnerabilities',
        hint: dockerfiles.length ? 'add aquasecurity/trivy-action (scan-type: image, severity: CRITICAL,HIGH, exit-code: 1) after the image build' : 'add a scanner step: trivy fs ., osv-scanner -r ., or npx mina check',
      });
      return { score: 0, findings };
    }
    const automatic = found.filter((f) => f.automatic);
    let score = 1;
    if (!automatic.length) {
      score = 0.5;
      const f = found[0];
      findings.push({ id: 'scan-not-automatic', message: `${f.tool} only runs when started by hand`, file: f.file, line: f.line, hint: 'run the scan on pull requests or pushes, and on a schedule for newly published CVEs' });
    }
    const pool = automatic.length ? automatic : found;
    if (dockerfiles.length && !pool.some((f) => f.kind === 'image')) {
      score = Math.min(score, 0.75);
      const at = imageBuild ?? { file: dockerfiles[0].path, line: 1 };
      findings.push({
        id: 'image-not-scanned',
        message: `the project ships container images (${dockerfiles[0].path}${dockerfiles.length > 1 ? ` and ${dockerfiles.length - 1} more` : ''}) but CI only scans ${pool.map((f) => f.kind === 'fs' ? 'the file system' : 'dependencies').filter((v, i, a) => a.indexOf(v) === i).join(' and ')}: OS packages and base-image CVEs go unseen`,
        ...at,
        severity: 'low',
        hint: 'scan the built image too: trivy image <name>, grype <name>, docker scout cves <name>',
      });
    }
    const kinds = [...new Set(pool.map((f) => f.kind))].join(', ');
    return { score, findings, notes: [`scanning: ${pool.map((f) => `${f.tool} (${f.kind}) at ${f.file}:${f.line}`).slice(0, 5).join('; ')}`, `kinds scanned: ${kinds}`] };
  },
});
