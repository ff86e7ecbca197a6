/**
 * Reading Octokit errors. A settings check must never turn "this token may not look" into a pass or
 * a fail, so a 403/404 from an endpoint that needs more access becomes a PermissionError naming the
 * access needed (the check errors with that message), and anything else keeps GitHub's own words.
 */

export interface ApiErrorShape {
  status: number | null;
  /** GitHub's `message` from the response body, else the error's message. */
  message: string;
  /** Classic tokens report their scopes in `x-oauth-scopes`. */
  scopes: string | null;
}

export function readApiError(err: unknown): ApiErrorShape {
  const e = err as { status?: unknown; message?: unknown; response?: { data?: unknown; headers?: Record<string, unknown> } };
  const status = typeof e?.status === 'number' ? e.status : null;
  const data = e?.response?.data as { message?: unknown } | undefined;
  const message = typeof data?.message === 'string' ? data.message : typeof e?.message === 'string' ? e.message : String(err);
  const scopes = e?.response?.headers?.['x-oauth-scopes'];
  return { status, message: message.slice(0, 300), scopes: typeof scopes === 'string' ? scopes : null };
}

export function statusOf(err: unknown): number | null {
  return readApiError(err).status;
}

/** What a request needs, said for both kinds of token. */
export interface AccessNeed {
  /** e.g. "read branch protection of acme/app" */
  what: string;
  classic: string;
  fineGrained: string;
}

export const ADMIN_READ = (what: string): AccessNeed => ({
  what,
  classic: 'the `repo` scope (`public_repo` for a public repository), held by a repository admin',
  fineGrained: '"Administration: read"',
});

export class PermissionError extends Error {
  /** "cannot <what>: <answered>" */
  readonly problem: string;
  /** "a classic token with …, or a fine-grained token with …" */
  readonly needs: string;
  /** What the token had, or that there was none. */
  readonly got: string;

  /** `err` null: GitHub answered but left the field out, as it does for callers without admin. */
  constructor(need: AccessNeed, err: unknown, authenticated: boolean) {
    const e = err === null ? null : readApiError(err);
    const answered = e === null ? 'GitHub shows this to repository admins only' : `GitHub answered ${e.status ?? 'an error'} (${e.message})`;
    const problem = `cannot ${need.what}: ${answered}`;
    const needs = `a classic token with ${need.classic}, or a fine-grained token with ${need.fineGrained}`;
    const got = !authenticated ? 'no token was given (set GITHUB_TOKEN or --token)' : e?.scopes != null ? `the token's scopes: ${e.scopes || 'none'}` : 'the token given lacks it';
    super(`${problem}; this needs ${needs} — ${got}`);
    this.name = 'PermissionError';
    this.problem = problem;
    this.needs = needs;
    this.got = got;
  }
}

/** Several permission problems in one message, each access need said once. */
export function combinedMessage(errors: Error[]): string {
  const perms = errors.filter((e): e is PermissionError => e instanceof PermissionError);
  const others = errors.filter((e) => !(e instanceof PermissionError)).map((e) => e.message);
  if (perms.length < 2) return errors.map((e) => e.message).join('; ');
  const needs = [...new Set(perms.map((p) => p.needs))];
  const got = [...new Set(perms.map((p) => p.got))];
  return [`${perms.map((p) => p.problem).join('; ')}. This needs ${needs.join('; and ')} — ${got.join('; ')}`, ...others].join('; ');
}

/** Anything else: GitHub's status and message, never the request headers. */
export function apiFailure(what: string, err: unknown): Error {
  const e = readApiError(err);
  return new Error(`cannot ${what}: ${e.status ? `GitHub answered ${e.status}` : 'request failed'} (${e.message})`);
}
