/**
 * Hardening for GitHub workflows that already exist (answers ci.hardening): actions mina knows a
 * verified SHA for (checkout, setup-node, setup-python) are pinned to it when the workflow asks for
 * the same major release, and a workflow without top-level `permissions` gets `contents: read`.
 * Only the lines ci.hardening points at change. Other actions, script injection and privileged
 * checkouts need a person: the plan lists what is still found. Written only with --force.
 */
import type { FileSpec, Scaffold } from '../model.js';
import { pinFor } from '../action-pins.js';
import { failing, githubCi } from './common.js';

const USES = /^(\s*(?:-\s+)?uses:\s*["']?)([\w.-]+\/[\w.-]+@[\w.-]+)(["']?)\s*(#.*)?$/;

export const ciHardeningScaffold: Scaffold = {
  id: 'ci-hardening',
  title: 'Pin known actions to commit SHAs and restrict token permissions in existing workflows',
  answers: ['ci.hardening'],
  offer(ctx) {
    if (!githubCi(ctx) || !failing(ctx, 'ci.hardening')) return null;
    const fixable = (ctx.before.get('ci.hardening')?.findings ?? []).some((f) => f.id === 'missing-permissions' || (f.id === 'unpinned-action' && /\b(actions\/(checkout|setup-node|setup-python))@/.test(f.message)));
    return fixable ? { preselect: true, reason: 'existing workflows use unpinned actions or the default token permissions (patched only with --force)' } : null;
  },
  async files(ctx) {
    const byFile = new Map<string, { pins: Set<number>; permissions: boolean }>();
    for (const f of ctx.before.get('ci.hardening')?.findings ?? []) {
      if (!f.file || !f.file.startsWith('.github/workflows/')) continue;
      const entry = byFile.get(f.file) ?? { pins: new Set<number>(), permissions: false };
      if (f.id === 'unpinned-action' && f.line) entry.pins.add(f.line);
      if (f.id === 'missing-permissions') entry.permissions = true;
      byFile.set(f.file, entry);
    }
    const out: FileSpec[] = [];
    for (const [file, fix] of byFile) {
      const text = await ctx.repo.text(file);
      if (text === null) continue;
      const eol = text.includes('\r\n') ? '\r\n' : '\n';
      const lines = text.split(/\r?\n/);
      for (const line of fix.pins) {
        const m = USES.exec(lines[line - 1] ?? '');
        const pin = m ? pinFor(m[2]) : null;
        if (m && pin) lines[line - 1] = `${m[1]}${pin.action}@${pin.sha}${m[3]} # ${pin.tag}`;
      }
      if (fix.permissions) {
        const jobs = lines.findIndex((l) => /^jobs:\s*(#.*)?$/.test(l));
        if (jobs >= 0) lines.splice(jobs, 0, '# read-only token by default; a job that must write declares its own permissions', 'permissions:', '  contents: read', '');
      }
      const patched = lines.join(eol);
      if (patched !== text) out.push({ path: file, format: 'yaml', content: patched, patch: true });
    }
    return out;
  },
};
