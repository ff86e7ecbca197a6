/** A GitHubTarget whose client talks to the loopback stand-in, with rate-limit waits shrunk. */
import { createGitHubClient } from '../../src/github/api-client.js';
import { GitHubTarget } from '../../src/github/github-target.js';
import { FIXTURE_OWNER } from './github-stand-in.js';

export const TEST_TOKEN = 'ghp_standInToken000000000000000000000000';

/** `server` is read when the first request is made, so tables can be written before it starts. */
export function standInTarget(server: () => { url: string }, repo: string, options: { token?: string | null; owner?: string } = {}): GitHubTarget {
  const token = options.token === undefined ? TEST_TOKEN : options.token;
  return new GitHubTarget(options.owner ?? FIXTURE_OWNER, repo, token !== null, () =>
    createGitHubClient({ token, baseUrl: server().url, msPerSecond: 5, maxWaitSeconds: 60 }),
  );
}
