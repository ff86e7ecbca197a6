/**
 * The GitHub REST client: Octokit with the retry plugin (5xx and 429 with back-off) and the
 * throttling plugin (primary and secondary rate limits, spacing of writes). A rate-limit wait is
 * taken only while it is short: a run that would sit for many minutes fails with a message that
 * says when the limit resets instead of hanging a CI job.
 */
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { VERSION } from '../package-root.js';

export const DEFAULT_API_URL = 'https://api.github.com';

// The plugins add behaviour, not methods mina calls, so the client is typed as a plain Octokit.
const MinaOctokit: typeof Octokit = Octokit.plugin(retry, throttling);
export type GitHubClient = Octokit;

export interface ClientOptions {
  /** Never logged; null for anonymous access (public repositories, 60 requests an hour). */
  token: string | null;
  baseUrl?: string;
  /** Longest rate-limit wait taken before giving up, in seconds (default 60). */
  maxWaitSeconds?: number;
  /** Retries after a rate limit (default 2). */
  rateLimitRetries?: number;
  /** Milliseconds per second of `retry-after`; tests shrink it so waits stay short. */
  msPerSecond?: number;
  /** Where rate-limit notices go (stderr in the CLI). */
  onNotice?: (message: string) => void;
}

export function createGitHubClient(options: ClientOptions): GitHubClient {
  const maxWait = options.maxWaitSeconds ?? 60;
  const retries = options.rateLimitRetries ?? 2;
  const scale = options.msPerSecond ?? 1000;
  const notice = options.onNotice ?? (() => {});
  const decide = (kind: string) => (retryAfter: number, req: { method: string; url: string }, _o: unknown, retryCount: number) => {
    const what = `${req.method} ${req.url}`;
    if (retryCount < retries && retryAfter <= maxWait) {
      notice(`GitHub ${kind} rate limit on ${what}; retrying in ${retryAfter} s`);
      return true;
    }
    notice(`GitHub ${kind} rate limit on ${what}; not waiting ${retryAfter} s`);
    return false;
  };
  return new MinaOctokit({
    auth: options.token ?? undefined,
    baseUrl: normalizeBaseUrl(options.baseUrl ?? DEFAULT_API_URL),
    userAgent: `mina/${VERSION}`,
    // Octokit's default logger prints request warnings (deprecations) to the console; mina prints
    // only through its own channels.
    log: { debug: () => {}, info: () => {}, warn: (m: string) => notice(m), error: () => {} },
    retry: { retryAfterBaseValue: scale },
    throttle: {
      retryAfterBaseValue: scale,
      onRateLimit: decide('primary'),
      onSecondaryRateLimit: decide('secondary'),
    },
  });
}

/** `https://ghe.example.com/api/v3/` → without the trailing slash; only http(s). */
export function normalizeBaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`not a URL: ${url}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new TypeError(`not an http(s) URL: ${url}`);
  if (parsed.username || parsed.password) throw new TypeError('the GitHub API URL must not carry credentials; use --token or GITHUB_TOKEN');
  return parsed.toString().replace(/\/+$/, '');
}
