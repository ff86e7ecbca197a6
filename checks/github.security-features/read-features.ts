/**
 * Whether GitHub's three security features are on for a repository. Each reading is enabled,
 * disabled, or unknown with the reason (a token that may not look). GitHub answers "may not look"
 * and "not enabled" with the same 403/404 on some endpoints, so a 404 means "off" only when the
 * caller is known to be an admin or GitHub's message says so.
 */
import type { GitHubTarget, RepositoryInfo } from '../../src/github/github-target.js';
import { ADMIN_READ, PermissionError, apiFailure, readApiError } from '../../src/github/api-errors.js';

export const FEATURES = ['secret-scanning', 'dependabot-alerts', 'code-scanning'] as const;
export type Feature = (typeof FEATURES)[number];

export type Reading = { enabled: boolean; detail: string } | { unknown: Error };

const NOT_AVAILABLE = /advanced security must be enabled|code scanning is not enabled|not available for this repository|code security must be enabled/i;
const CODE_SCANNING_READ = (what: string) => ({ what, classic: 'the `security_events` scope (`public_repo` for a public repository)', fineGrained: '"Code scanning alerts: read"' });

const STALE_MS = 90 * 24 * 3600 * 1000;

const isAccessStatus = (status: number | null) => status === 401 || status === 403 || status === 404;

export function readSecretScanning(target: GitHubTarget, info: RepositoryInfo): Reading {
  const sa = info.securityAndAnalysis;
  if (sa === null) return { unknown: new PermissionError(ADMIN_READ(`read whether secret scanning is enabled on ${target.fullName}`), null, target.authenticated) };
  const status = sa.secret_scanning;
  if (status === 'enabled') return { enabled: true, detail: `secret scanning enabled${sa.secret_scanning_push_protection === 'enabled' ? ' with push protection' : ''}` };
  return { enabled: false, detail: status ? 'secret scanning disabled' : 'secret scanning not available to this repository' };
}

export async function readDependabotAlerts(target: GitHubTarget, info: RepositoryInfo, signal: AbortSignal): Promise<Reading> {
  try {
    await target.client().rest.repos.checkVulnerabilityAlerts({ owner: target.owner, repo: target.repo, request: { signal } });
    return { enabled: true, detail: 'Dependabot alerts enabled' };
  } catch (err) {
    const { status } = readApiError(err);
    if (status === 404 && info.admin === true) return { enabled: false, detail: 'Dependabot alerts disabled' };
    if (isAccessStatus(status)) return { unknown: new PermissionError(ADMIN_READ(`read whether Dependabot alerts are enabled on ${target.fullName}`), err, target.authenticated) };
    return { unknown: apiFailure(`read whether Dependabot alerts are enabled on ${target.fullName}`, err) };
  }
}

export async function readCodeScanning(target: GitHubTarget, signal: AbortSignal): Promise<Reading> {
  const api = target.client();
  const where = { owner: target.owner, repo: target.repo, request: { signal } };
  try {
    const { data } = await api.rest.codeScanning.getDefaultSetup(where);
    if (data.state === 'configured') return { enabled: true, detail: 'code scanning default setup configured' };
  } catch (err) {
    const { status, message } = readApiError(err);
    if (status === 403 && NOT_AVAILABLE.test(message)) return { enabled: false, detail: `code scanning not available (${message})` };
    // Reading the default setup needs admin; the analyses below may still answer.
  }
  // Advanced setup (a workflow uploading SARIF) shows only as analyses.
  try {
    const { data } = await api.rest.codeScanning.listRecentAnalyses({ ...where, per_page: 1 });
    const newest = data[0];
    if (newest) {
      const age = Date.now() - Date.parse(newest.created_at);
      // Analyses from a workflow removed long ago are not a running scan.
      if (age > STALE_MS) return { enabled: false, detail: `the newest code scanning analysis is from ${newest.created_at.slice(0, 10)}` };
      return { enabled: true, detail: `code scanning results from ${newest.tool?.name ?? 'a tool'}` };
    }
    return { enabled: false, detail: 'no code scanning analyses' };
  } catch (err) {
    const { status, message } = readApiError(err);
    if (status === 404 && /no analysis found/i.test(message)) return { enabled: false, detail: 'no code scanning analyses' };
    if (status === 403 && NOT_AVAILABLE.test(message)) return { enabled: false, detail: `code scanning not available (${message})` };
    // Default setup off (or unreadable) leaves advanced setup unknown: say what access would tell.
    return {
      unknown: isAccessStatus(status)
        ? new PermissionError(CODE_SCANNING_READ(`read the code scanning analyses of ${target.fullName}`), err, target.authenticated)
        : apiFailure(`read the code scanning analyses of ${target.fullName}`, err),
    };
  }
}
