/**
 * The GitHub Actions mina init pins, by full commit SHA, with the release tag each SHA is. Each
 * SHA was checked against several independent public repositories that pin the same release with
 * the tag in a comment (see templates/README.md); none is invented. Dependabot's github-actions
 * ecosystem (in the scaffolded dependabot.yml) moves them to newer releases.
 */
import type { TemplateScope } from './template/values.js';
import { Token } from './template/values.js';

export interface ActionPin {
  action: string;
  sha: string;
  tag: string;
}

export const ACTION_PINS: Record<'checkout' | 'setupNode' | 'setupPython', ActionPin> = {
  checkout: { action: 'actions/checkout', sha: '11bd71901bbe5b1630ceea73d27597364c9af683', tag: 'v4.2.2' },
  setupNode: { action: 'actions/setup-node', sha: '39370e3970a6d050c480ffad4ff0ed4d3fdee5af', tag: 'v4.1.0' },
  setupPython: { action: 'actions/setup-python', sha: '0b93645e9fea7318ecaed2b359559ac225c90a2b', tag: 'v5.3.0' },
};

/** `checkoutSha`, `checkoutTag`, … for the workflow templates. */
export function pinScope(): TemplateScope {
  const scope: TemplateScope = {};
  for (const [key, pin] of Object.entries(ACTION_PINS)) {
    scope[`${key}Sha`] = Token.of(pin.sha, /^[0-9a-f]{40}$/);
    scope[`${key}Tag`] = Token.of(pin.tag);
  }
  return scope;
}

/** The known pin for `owner/action@ref` when `ref` names the same major release (`v4`, `v4.1`, `v4.2.2`). */
export function pinFor(uses: string): ActionPin | null {
  const m = /^([\w.-]+\/[\w.-]+)@v?(\d+)(?:\.\d+){0,2}$/.exec(uses.trim());
  if (!m) return null;
  const pin = Object.values(ACTION_PINS).find((p) => p.action === m[1]);
  return pin && pin.tag.startsWith(`v${m[2]}.`) ? pin : null;
}
