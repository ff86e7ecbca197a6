/**
 * Non-essential cookies and consent, read from what the app loads: analytics/advertising tags in
 * HTML templates (script sources and inline snippets, HTML comments removed), browser analytics
 * packages it depends on, and consent managers (CMP scripts, consent libraries, Google Consent Mode).
 */
import { defineFact, type RepoContext } from '../../src/context/repo-context.js';
import { manifestsFact } from '../../src/facts/deps/collect.js';
import { codeIndexFact, findKinds, lineOf, shortText } from '../../src/facts/code/index.js';
import { isTestDataPath } from '../../src/facts/test-data-paths.js';

export interface Hit {
  what: string;
  file: string;
  line: number;
}

const TRACKER_SRC: Array<[RegExp, string]> = [
  [/googletagmanager\.com\/(gtag\/js|gtm\.js)|google-analytics\.com\/(analytics|ga)\.js/i, 'Google Analytics / Tag Manager'],
  [/connect\.facebook\.net\/[^"']*fbevents\.js/i, 'Meta Pixel'],
  [/static\.hotjar\.com/i, 'Hotjar'],
  [/cdn\.segment\.com/i, 'Segment'],
  [/cdn\.mxpnl\.com|mixpanel/i, 'Mixpanel'],
  [/js\.hs-scripts\.com|js\.hs-analytics\.net/i, 'HubSpot'],
  [/snap\.licdn\.com/i, 'LinkedIn Insight'],
  [/static\.ads-twitter\.com/i, 'X/Twitter pixel'],
  [/clarity\.ms\/tag/i, 'Microsoft Clarity'],
  [/(matomo|piwik)\.js/i, 'Matomo'],
];
const TRACKER_INLINE: Array<[RegExp, string]> = [
  [/\bgtag\(\s*['"]config['"]/, 'Google Analytics'],
  [/\bfbq\(\s*['"]init['"]/, 'Meta Pixel'],
  [/\b_paq\.push\(/, 'Matomo'],
  [/\bhj\(\s*['"]|_hjSettings/, 'Hotjar'],
];
const TRACKER_PACKAGES = new Set(['react-ga', 'react-ga4', 'ga-4-react', 'react-gtm-module', '@analytics/google-analytics', 'vue-gtag', 'ngx-google-analytics', 'mixpanel-browser', '@segment/analytics-next', 'analytics.js', 'posthog-js', '@amplitude/analytics-browser', 'amplitude-js', 'react-facebook-pixel', '@hotjar/browser', 'react-hotjar', '@fullstory/browser', 'logrocket', 'react-ga-neo', 'nuxt-gtag', '@nuxtjs/google-analytics']);

const CONSENT_SRC = /consent\.cookiebot\.com|cdn\.cookielaw\.org|cookie-script\.com|cdn\.iubenda\.com|cmp\.osano\.com|app\.termly\.io|cdn-cookieyes\.com|consent\.trustarc\.com|cookieconsent|klaro|tarteaucitron|usercentrics|didomi/i;
const CONSENT_INLINE = /\bgtag\(\s*['"]consent['"]|Cookiebot|OneTrust|window\.cookieconsent|CookieConsent\.run|klaro\.setup/;
const CONSENT_PACKAGES = /^(react-cookie-consent|vanilla-cookieconsent|cookieconsent|@cookieconsent\/\S+|klaro|tarteaucitronjs|@osano\/\S+|ngx-cookieconsent|vue-cookie-accept-decline|@iubenda\/\S+|react-cookie-banner|@usercentrics\/\S+|didomi-client|django-cookie-consent|django-cookie-law|flask-cookie-consent|@consent-manager\/\S+|@segment\/consent-manager)$/i;

const TEMPLATE = /\.(html?|jinja2?|j2|hbs|handlebars|ejs|njk|liquid|erb|twig|vue|svelte|astro|php)$/i;

export interface CookieFacts {
  trackers: Hit[];
  consent: Hit[];
}

/** Computed once per run: applies() and run() both ask. */
export const cookieFactsFact = defineFact<CookieFacts>('privacy:cookies', (repo) => cookieFacts(repo));

async function cookieFacts(repo: RepoContext): Promise<CookieFacts> {
  const trackers: Hit[] = [];
  const consent: Hit[] = [];
  for (const f of repo.files) {
    if (!TEMPLATE.test(f.path) || isTestDataPath(f.path) || f.size > 2 * 1024 * 1024 || /(^|\/)(node_modules|vendor|dist|build|coverage)\//.test(f.path)) continue;
    const raw = await repo.text(f.path);
    if (!raw || !/<script|gtag|fbq|_paq|cookie|consent/i.test(raw)) continue;
    const text = blankComments(raw);
    for (const m of text.matchAll(/<script\b[^>]{0,1000}>/gi)) {
      const src = /\bsrc\s*=\s*["']([^"']{1,1000})["']/i.exec(m[0])?.[1] ?? '';
      const line = lineAt(text, m.index!);
      const t = TRACKER_SRC.find(([re]) => re.test(src));
      if (t) trackers.push({ what: t[1], file: f.path, line });
      if (CONSENT_SRC.test(src) || /data-cookieconsent|data-domain-script/i.test(m[0])) consent.push({ what: src || 'consent manager', file: f.path, line });
    }
    for (const block of scriptBodies(text)) {
      const t = TRACKER_INLINE.find(([re]) => re.test(block.body));
      if (t) trackers.push({ what: `${t[1]} snippet`, file: f.path, line: lineAt(text, block.index) });
      if (CONSENT_INLINE.test(block.body)) consent.push({ what: 'consent snippet', file: f.path, line: lineAt(text, block.index) });
    }
  }
  for (const d of (await repo.fact(manifestsFact)).declared) {
    if (isTestDataPath(d.file)) continue;
    if (TRACKER_PACKAGES.has(d.name.toLowerCase())) trackers.push({ what: `${d.name} dependency`, file: d.file, line: d.line });
    if (CONSENT_PACKAGES.test(d.name)) consent.push({ what: `${d.name} dependency`, file: d.file, line: d.line });
  }
  // Google Consent Mode in application code: gtag('consent', 'default', {...})
  const index = await repo.fact(codeIndexFact);
  for (const f of index.mentioning('gtag')) {
    if (f.lang === 'python') continue;
    for (const c of findKinds(f, ['call_expression'])) {
      if (shortText(c.field('function'), 10) !== 'gtag') continue;
      const first = shortText(c.field('arguments')?.namedChildren()[0], 20)?.replace(/['"`]/g, '');
      if (first === 'consent') consent.push({ what: 'Google Consent Mode', file: f.path, line: lineOf(c) });
      else if (first === 'config') trackers.push({ what: 'Google Analytics (gtag)', file: f.path, line: lineOf(c) });
    }
  }
  return { trackers, consent };
}

/** HTML comments replaced by spaces (newlines kept), so commented-out tags never count and lines stay put. */
function blankComments(text: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const start = text.indexOf('<!--', i);
    if (start < 0) return out + text.slice(i);
    const end = text.indexOf('-->', start + 4);
    const stop = end < 0 ? text.length : end + 3;
    out += text.slice(i, start) + text.slice(start, stop).replace(/[^\n]/g, ' ');
    i = stop;
  }
}

function lineAt(text: string, index: number): number {
  let n = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Inline script bodies, found with indexOf (linear), capped in size. */
function* scriptBodies(text: string): Generator<{ body: string; index: number }> {
  const lower = text.toLowerCase();
  let i = 0;
  for (;;) {
    const open = lower.indexOf('<script', i);
    if (open < 0) return;
    const gt = lower.indexOf('>', open);
    if (gt < 0) return;
    const close = lower.indexOf('</script', gt);
    const end = close < 0 ? text.length : close;
    yield { body: text.slice(gt + 1, Math.min(end, gt + 1 + 100_000)), index: open };
    i = end;
  }
}
