/**
 * "It never destroys anything": files that exist are left byte for byte (bytes that are not UTF-8
 * and the mode included) unless --force; with --force the old bytes are kept in `<file>.mina-bak`
 * — and a second --force keeps the first backup, writing `.mina-bak.1`; a dry run writes nothing;
 * a path through a symbolic link is never written.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyFixture, emptyTempDir, evaluate, init, snapshot } from './helpers.js';

/** A Dockerfile that runs as root, with bytes that are not valid UTF-8 in a comment. */
const ROOT_DOCKERFILE = Buffer.concat([Buffer.from('FROM node:22-slim\n# caf'), Buffer.from([0xe9, 0xff]), Buffer.from('\nCOPY . /app\nCMD ["node", "/app/src/server.js"]\n')]);

describe('mina init leaves existing files alone', () => {
  it('keeps pre-existing files byte for byte without --force, and reports them', async () => {
    const dir = copyFixture('express');
    writeFileSync(path.join(dir, 'Dockerfile'), ROOT_DOCKERFILE);
    chmodSync(path.join(dir, 'Dockerfile'), 0o640);
    const before = snapshot(dir);
    const outcome = await init(dir);
    const after = snapshot(dir);
    for (const [file, digest] of before) expect(after.get(file), file).toBe(digest);
    expect(outcome.plan!.files.find((f) => f.spec.path === 'Dockerfile')?.action).toBe('exists');
    expect(outcome.output).toMatch(/Dockerfile\s+\[dockerfile\] exists: left as it is/);
    // the runbook the user wrote stays; only the missing topics are added beside it
    expect(outcome.results.map((r) => r.path)).toEqual(expect.arrayContaining(['docs/runbooks/rollback.md', 'docs/runbooks/restore.md', 'docs/runbooks/alerts.md']));
    expect(outcome.results.map((r) => r.path)).not.toContain('docs/runbooks/deploy.md');
    expect(outcome.results.map((r) => r.path)).not.toContain('SECURITY.md');
    // a Dockerfile the user keeps still fails, and the plan says so rather than claiming a pass
    expect(outcome.plan!.answered.find((a) => a.id === 'container.dockerfile')?.after).not.toBe('pass');
  });

  it('replaces with --force, keeping the old bytes and mode in .mina-bak, then .mina-bak.1', async () => {
    const dir = copyFixture('express');
    const file = path.join(dir, 'Dockerfile');
    writeFileSync(file, ROOT_DOCKERFILE);
    chmodSync(file, 0o640);
    const outcome = await init(dir, { force: true, only: ['container.dockerfile'] });
    expect(outcome.results).toContainEqual({ path: 'Dockerfile', outcome: 'replaced', backup: 'Dockerfile.mina-bak' });
    expect(readFileSync(`${file}.mina-bak`)).toEqual(ROOT_DOCKERFILE);
    expect(statSync(`${file}.mina-bak`).mode & 0o777).toBe(0o640);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(outcome.output).toContain('~ Dockerfile');
    // the backup is not a Dockerfile of the repository: the check now passes
    expect((await evaluate(dir)).results.get('container.dockerfile')?.status).toBe('pass');

    const replaced = readFileSync(file);
    writeFileSync(file, 'FROM node:latest\n');
    const again = await init(dir, { force: true, only: ['container.dockerfile'] });
    expect(again.results).toContainEqual({ path: 'Dockerfile', outcome: 'replaced', backup: 'Dockerfile.mina-bak.1' });
    expect(readFileSync(`${file}.mina-bak`)).toEqual(ROOT_DOCKERFILE);
    expect(readFileSync(`${file}.mina-bak.1`, 'utf8')).toBe('FROM node:latest\n');
    expect(readFileSync(file)).toEqual(replaced);
  });

  it('writes nothing on --dry-run, and shows the plan with diffs', async () => {
    const dir = copyFixture('flask-socketio');
    writeFileSync(path.join(dir, 'Dockerfile'), 'FROM python:3.11\nCMD ["python", "wsgi.py"]\n');
    const before = snapshot(dir);
    const outcome = await init(dir, { dryRun: true, force: true });
    expect(snapshot(dir)).toEqual(before);
    expect(outcome.results).toEqual([]);
    expect(outcome.output).toContain('Plan (dry run: nothing is written)');
    expect(outcome.output).toContain('--- /dev/null\n+++ b/k8s/deployment.yaml');
    expect(outcome.output).toContain('--- a/Dockerfile\n+++ b/Dockerfile');
    expect(outcome.output).toContain('-FROM python:3.11');
    expect(outcome.output).toMatch(/container\.dockerfile\s+partial → pass/);
  });

  it('never writes through a symbolic link', async () => {
    const dir = copyFixture('nest');
    const outside = emptyTempDir('outside');
    mkdirSync(path.join(dir, '.github'));
    symlinkSync(outside, path.join(dir, '.github', 'workflows'));
    const outcome = await init(dir, { force: true });
    expect(outcome.plan!.files.filter((f) => f.spec.path.startsWith('.github/workflows/')).map((f) => f.action)).toEqual(['unsafe', 'unsafe', 'unsafe']);
    expect(existsSync(path.join(outside, 'ci.yml'))).toBe(false);
    expect(outcome.results.some((r) => r.path.startsWith('.github/workflows/'))).toBe(false);
  });

  it('makes the restore script executable', async () => {
    const dir = copyFixture('fastapi');
    await init(dir, { only: ['backups.restore-tested'] });
    expect(statSync(path.join(dir, 'scripts', 'restore-db.sh')).mode & 0o111).not.toBe(0);
  });
});

describe('mina init --force on an existing Dependabot config', () => {
  it('appends the missing entries and keeps every entry and comment it had', async () => {
    const dir = copyFixture('express');
    const config = '# ours\nversion: 2\nupdates:\n  - package-ecosystem: gomod # tools\n    directory: /tools\n    schedule: { interval: daily }\n';
    mkdirSync(path.join(dir, '.github'));
    writeFileSync(path.join(dir, '.github', 'dependabot.yml'), config);
    const skipped = await init(dir, { only: ['deps.update-automation'] });
    expect(skipped.results).toEqual([]);
    expect(readFileSync(path.join(dir, '.github', 'dependabot.yml'), 'utf8')).toBe(config);
    const forced = await init(dir, { only: ['deps.update-automation'], force: true });
    expect(forced.results).toEqual([{ path: '.github/dependabot.yml', outcome: 'patched', backup: '.github/dependabot.yml.mina-bak' }]);
    const patched = readFileSync(path.join(dir, '.github', 'dependabot.yml'), 'utf8');
    expect(patched.startsWith('# ours\nversion: 2\nupdates:\n  - package-ecosystem: gomod # tools\n    directory: /tools\n')).toBe(true);
    expect(patched).toMatch(/package-ecosystem: npm\n\s+directory: \//);
    expect((await evaluate(dir)).results.get('deps.update-automation')?.status).toBe('pass');
  });
});
