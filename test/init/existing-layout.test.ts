/**
 * A repository that already deploys: plain Kubernetes manifests in deploy/k8s (one Deployment, no
 * probes, no policies, no budget) and a CI workflow with tag-pinned actions. Without --force, init
 * only adds files beside them; with --force it patches exactly what the checks point at, keeps the
 * rest of each file as written, and keeps the old bytes in `.mina-bak`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, evaluate, init, snapshot } from './helpers.js';

const MANIFEST = 'deploy/k8s/app.yaml';
const WORKFLOW = '.github/workflows/ci.yml';

describe('mina init on an existing Kubernetes layout', () => {
  it('adds policies, a budget and backups beside the manifests without touching them', async () => {
    const dir = copyFixture('flask-k8s');
    const original = snapshot(dir);
    const outcome = await init(dir);
    const now = snapshot(dir);
    for (const [file, digest] of original) expect(now.get(file), file).toBe(digest);
    const created = outcome.results.map((r) => r.path);
    expect(created).toEqual(expect.arrayContaining(['deploy/k8s/networkpolicy.yaml', 'deploy/k8s/pdb.yaml', 'deploy/k8s/backup-postgres.yaml']));
    // new objects land in the app's namespace and select its pods
    expect(readFileSync(path.join(dir, 'deploy/k8s/pdb.yaml'), 'utf8')).toMatch(/namespace: ledger[\s\S]*app: "ledger"/);
    expect(readFileSync(path.join(dir, 'deploy/k8s/backup-postgres.yaml'), 'utf8')).toContain('name: ledger-env');
    const after = await evaluate(dir);
    expect(after.results.get('k8s.network-policy')?.status).toBe('pass');
    const hardening = after.results.get('k8s.workload-hardening')!;
    expect(hardening.status).toBe('partial');
    expect(hardening.findings.map((f) => f.id)).not.toContain('no-pdb');
    // the plan said so before writing: the Deployment needs --force
    expect(outcome.plan!.files.find((f) => f.spec.path === MANIFEST)?.action).toBe('exists');
    expect(outcome.plan!.answered.find((a) => a.id === 'k8s.workload-hardening')?.after).toBe('partial');
  });

  it('with --force patches only what the checks point at, and keeps the old files', async () => {
    const dir = copyFixture('flask-k8s');
    const manifest = readFileSync(path.join(dir, MANIFEST), 'utf8');
    const workflow = readFileSync(path.join(dir, WORKFLOW), 'utf8');
    const outcome = await init(dir, { force: true });
    expect(outcome.results).toContainEqual({ path: MANIFEST, outcome: 'patched', backup: `${MANIFEST}.mina-bak` });
    expect(outcome.results).toContainEqual({ path: WORKFLOW, outcome: 'patched', backup: `${WORKFLOW}.mina-bak` });
    expect(readFileSync(path.join(dir, `${MANIFEST}.mina-bak`), 'utf8')).toBe(manifest);
    expect(readFileSync(path.join(dir, `${WORKFLOW}.mina-bak`), 'utf8')).toBe(workflow);

    const patched = readFileSync(path.join(dir, MANIFEST), 'utf8');
    expect(patched.startsWith('# The web tier (hand-written; keep this comment)\n')).toBe(true);
    expect(patched).toContain('image: ghcr.io/acme/ledger:1.4.2');
    expect(patched.endsWith('---\napiVersion: v1\nkind: Service\nmetadata: {name: ledger, namespace: ledger}\nspec:\n  selector: {app: ledger}\n  ports: [{port: 80, targetPort: http}]\n')).toBe(true);
    const pinned = readFileSync(path.join(dir, WORKFLOW), 'utf8');
    expect(pinned).toContain('- uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2');
    expect(pinned).toContain('- run: pytest');

    const after = await evaluate(dir);
    for (const a of outcome.plan!.answered) expect(after.results.get(a.id)?.status, a.id).toBe('pass');
    const again = await init(dir, { force: true });
    expect(again.results).toEqual([]);
  });
});
