/**
 * ops.security-policy: a security policy (SECURITY.md or an RFC 9116 security.txt) that tells a
 * reporter where to send a vulnerability privately. A policy without a working channel is partial:
 * the file exists but a reporter still cannot reach anyone.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import type { RepoContext } from '../../src/context/repo-context.js';

const POLICY_GLOBS = ['SECURITY.{md,markdown,rst,adoc,txt}', '{.github,docs,.gitlab}/SECURITY.{md,markdown,rst,adoc,txt}'];
const SECURITY_TXT = ['.well-known/security.txt', 'security.txt', '{public,static,docs}/.well-known/security.txt'];

const EMAIL = /\b[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})\b/g;
/** URLs that are themselves private reporting channels. */
const CHANNEL_URL = /https?:\/\/[^\s)>\]]*(?:\/security\/advisories|hackerone\.com|bugcrowd\.com|intigriti\.com|yeswehack\.com|huntr\.(?:dev|com)|openbugbounty\.org|\/security\.txt|\/vulnerability-disclosure|\/report-(?:a-)?vulnerability)[^\s)>\]]*/i;
const GITHUB_PVR = /private vulnerability report|report a vulnerability|security advisor(?:y|ies)/i;
const PLACEHOLDER_DOMAIN = /(^|\.)(example\.(com|org|net)|domain\.com|yourdomain\.[a-z]+|your-?company\.[a-z]+|company\.com|email\.com|test\.com|localhost)$/i;

interface Channel {
  kind: 'email' | 'url' | 'github';
  line: number;
  placeholder: boolean;
  value: string;
}

export default defineCheck({
  meta: {
    id: 'ops.security-policy',
    title: 'Security policy with a reporting channel',
    category: 'ops',
    severity: 'low',
    description: 'SECURITY.md (or security.txt) tells reporters how to reach the maintainers privately.',
  },
  async run({ repo }) {
    const policies = [...repo.glob(POLICY_GLOBS, { nocase: true }), ...repo.glob(SECURITY_TXT)];
    if (policies.length === 0) {
      return {
        score: 0,
        findings: [{ id: 'missing', message: 'no security policy (SECURITY.md or .well-known/security.txt)', hint: 'add SECURITY.md with a private reporting address or enable GitHub private vulnerability reporting and link it' }],
      };
    }
    const findings: Finding[] = [];
    for (const policy of policies) {
      const channels = await channelsIn(repo, policy.path);
      const real = channels.filter((c) => !c.placeholder);
      if (real.length > 0) return { score: 1, findings: [], notes: [`${policy.path}: reporting channel ${real[0].kind} on line ${real[0].line}`] };
      for (const c of channels) {
        findings.push({ id: 'placeholder-contact', message: `reporting contact "${c.value}" is a placeholder`, file: policy.path, line: c.line, hint: 'replace it with an address or form that someone actually reads' });
      }
      if (channels.length === 0) {
        findings.push({ id: 'no-channel', message: 'the security policy names no private reporting channel (email, advisory link or bounty programme)', file: policy.path, line: 1, hint: 'add a security contact email or a link to the repository\'s security advisories (Report a vulnerability)' });
      }
    }
    return { score: 0.5, findings };
  },
});

async function channelsIn(repo: RepoContext, path: string): Promise<Channel[]> {
  const text = await repo.text(path);
  if (text === null) return [];
  const isSecurityTxt = path.endsWith('security.txt');
  const out: Channel[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    // RFC 9116: only the Contact field is a channel; other fields (Policy, Hiring) are not.
    if (isSecurityTxt && !/^\s*contact\s*:/i.test(line)) return;
    for (const m of line.matchAll(EMAIL)) out.push({ kind: 'email', line: i + 1, value: m[0], placeholder: PLACEHOLDER_DOMAIN.test(m[1]) });
    const url = CHANNEL_URL.exec(line);
    if (url) out.push({ kind: 'url', line: i + 1, value: url[0], placeholder: /example\.(com|org)|OWNER\/REPO|<[^>]+>/i.test(url[0]) });
    if (isSecurityTxt && /^\s*contact\s*:\s*(https?:|tel:)/i.test(line) && !url) out.push({ kind: 'url', line: i + 1, value: line.split(':').slice(1).join(':').trim(), placeholder: /example\.(com|org)/i.test(line) });
    if (!isSecurityTxt && GITHUB_PVR.test(line) && /github/i.test(text)) out.push({ kind: 'github', line: i + 1, value: line.trim(), placeholder: false });
  });
  return out;
}
