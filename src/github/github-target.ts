/**
 * The GitHub repository a run is about (`mina check --github`), handed to the settings checks
 * through `RunSettings.github`. It holds the API client and memoises the repository's metadata,
 * which both settings checks read. The token stays inside the client: nothing here exposes it.
 */
import type { GitHubClient } from './api-client.js';
import { PermissionError, apiFailure, statusOf } from './api-errors.js';

export interface RepositoryInfo {
  fullName: string;
  defaultBranch: string;
  private: boolean;
  archived: boolean;
  /** The token holder's admin right on the repository; null when GitHub did not say (anonymous). */
  admin: boolean | null;
  /** `security_and_analysis`, which GitHub returns to admins only; null otherwise. */
  securityAndAnalysis: Record<string, string> | null;
  cloneUrl: string;
  htmlUrl: string;
}

export class GitHubTarget {
  readonly #client: () => GitHubClient;
  #made: GitHubClient | null = null;
  #repository: Promise<RepositoryInfo> | null = null;

  constructor(
    readonly owner: string,
    readonly repo: string,
    /** Whether requests carry a token (decides how a 403/404 is explained). */
    readonly authenticated: boolean,
    client: () => GitHubClient,
  ) {
    this.#client = client;
  }

  get fullName(): string {
    return `${this.owner}/${this.repo}`;
  }

  client(): GitHubClient {
    this.#made ??= this.#client();
    return this.#made;
  }

  repository(): Promise<RepositoryInfo> {
    this.#repository ??= this.#fetchRepository();
    return this.#repository;
  }

  async #fetchRepository(): Promise<RepositoryInfo> {
    let data: Record<string, unknown>;
    try {
      data = (await this.client().rest.repos.get({ owner: this.owner, repo: this.repo })).data as unknown as Record<string, unknown>;
    } catch (err) {
      const status = statusOf(err);
      if (status === 404 || status === 403 || status === 401) {
        throw new PermissionError(
          { what: `read the repository ${this.fullName} (it does not exist, or is private)`, classic: 'the `repo` scope', fineGrained: 'access to this repository ("Metadata: read")' },
          err,
          this.authenticated,
        );
      }
      throw apiFailure(`read the repository ${this.fullName}`, err);
    }
    return repositoryInfo(data);
  }
}

export function repositoryInfo(data: Record<string, unknown>): RepositoryInfo {
  const perms = data.permissions as Record<string, unknown> | undefined;
  const sa = data.security_and_analysis as Record<string, { status?: unknown }> | null | undefined;
  const statuses: Record<string, string> = {};
  if (sa && typeof sa === 'object') {
    for (const [k, v] of Object.entries(sa)) if (v && typeof v.status === 'string') statuses[k] = v.status;
  }
  return {
    fullName: String(data.full_name ?? ''),
    defaultBranch: typeof data.default_branch === 'string' ? data.default_branch : 'main',
    private: data.private === true,
    archived: data.archived === true,
    admin: perms && typeof perms.admin === 'boolean' ? perms.admin : null,
    securityAndAnalysis: sa && typeof sa === 'object' ? statuses : null,
    cloneUrl: typeof data.clone_url === 'string' ? data.clone_url : '',
    htmlUrl: typeof data.html_url === 'string' ? data.html_url : '',
  };
}
