/**
 * Token permissions: a workflow should set `permissions` at the top (read-only, or nothing) and
 * grant writes per job. Without any `permissions` the GITHUB_TOKEN gets the repository default,
 * which is read-write on older repositories and organisations.
 */
import type { Finding } from '../../src/engine/check-api.js';
import type { CiPipeline, GithubPermissions } from '../../src/facts/ci/index.js';

export interface RuleResult {
  findings: Finding[];
  /** In [0, 1]. */
  score: number;
}

export function permissionFindings(workflows: CiPipeline[]): RuleResult {
  const findings: Finding[] = [];
  let bad = 0;
  let counted = 0;
  for (const w of workflows) {
    // A reusable workflow runs with its caller's token; its caller is where permissions belong.
    if (w.reusableOnly) continue;
    counted++;
    const before = findings.length;
    const top = w.permissions;
    if (top?.shape === 'write-all') findings.push(writeAll(w.file, top, 'the workflow'));
    else if (top?.shape === 'scopes' && top.writes.length) {
      const first = top.writes[0];
      findings.push({
        id: 'top-level-write',
        message: `top-level permissions grant write (${top.writes.map((s) => `${s.value}: write`).join(', ')}) to every job of the workflow`,
        file: first.file,
        line: first.line,
        severity: 'medium',
        hint: 'set `permissions: contents: read` at the top and grant each write scope only in the job that needs it',
      });
    } else if (!top) {
      const open = w.jobs.filter((j) => !j.permissions && !j.calls);
      if (open.length) {
        findings.push({
          id: 'missing-permissions',
          message: `no top-level \`permissions\`, so job${open.length > 1 ? 's' : ''} ${open.map((j) => `\`${j.id}\``).join(', ')} get${open.length > 1 ? '' : 's'} the repository's default token permissions (read-write on many repositories)`,
          file: w.file,
          line: 1,
          severity: 'medium',
          hint: 'add `permissions: contents: read` (or `permissions: {}`) at the top of the workflow',
        });
      }
    }
    for (const job of w.jobs) if (job.permissions?.shape === 'write-all') findings.push(writeAll(w.file, job.permissions, `job \`${job.id}\``));
    if (findings.length > before) bad++;
  }
  return { findings, score: counted ? 1 - bad / counted : 1 };
}

function writeAll(file: string, p: GithubPermissions, who: string): Finding {
  return {
    id: 'permissions-write-all',
    message: `${who} grants \`write-all\`: every scope of the GITHUB_TOKEN is writable`,
    file,
    line: p.line,
    hint: 'list only the scopes needed, e.g. `permissions: { contents: read, packages: write }`',
  };
}
