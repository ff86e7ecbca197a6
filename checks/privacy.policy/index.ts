/**
 * privacy.policy: a privacy policy / data-processing document exists and covers the essentials, and
 * when the app loads analytics or advertising tags (non-essential cookies), a consent mechanism
 * gates them. Documents are judged by content; tags by what templates and dependencies load.
 */
import { servicePresenceFact } from '../../src/facts/service-presence.js';
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { cookieFactsFact } from './cookies.js';
import { privacyDocument } from './document.js';

export default defineCheck({
  meta: {
    id: 'privacy.policy',
    title: 'Privacy policy and cookie consent',
    category: 'privacy',
    severity: 'medium',
    description: 'A privacy policy / data-processing document exists, and a consent mechanism gates non-essential cookies.',
  },
  async applies({ repo }) {
    const [service, cookies] = await Promise.all([repo.fact(servicePresenceFact), repo.fact(cookieFactsFact)]);
    return service !== null || cookies.trackers.length > 0 || { applies: false, reason: 'not a service and no web front end' };
  },
  async run({ repo }) {
    const [doc, cookies] = await Promise.all([privacyDocument(repo), repo.fact(cookieFactsFact)]);
    const findings: Finding[] = [];
    const notes: string[] = [];
    const analytics = cookies.trackers[0];
    let docScore = 0;
    if (!doc) {
      findings.push({ id: 'no-privacy-policy', message: 'no privacy policy or data-processing document', hint: 'write PRIVACY.md (or a privacy page): what data is collected and why (legal basis), how long it is kept, users\' rights and how to exercise them, and a contact' });
    } else if (doc.topics.length >= 3) {
      docScore = 1;
      notes.push(`privacy policy ${doc.file} covers ${doc.topics.join(', ')}`);
    } else {
      docScore = 0.5;
      const missing = ['data collected', 'purpose', 'retention', 'rights', 'contact'].filter((t) => !doc.topics.includes(t));
      findings.push({ id: 'policy-incomplete', message: `${doc.file} does not say: ${missing.join(', ')}`, file: doc.file, line: 1, hint: 'cover what is collected, why, for how long, the users\' rights and whom to contact' });
    }
    if (!analytics) return { score: docScore, findings, notes };
    notes.push(`non-essential cookies: ${analytics.what} at ${analytics.file}:${analytics.line}`);
    const consent = cookies.consent[0];
    if (consent) notes.push(`consent: ${consent.what} at ${consent.file}:${consent.line}`);
    else findings.push({ id: 'analytics-without-consent', message: `${analytics.what} sets non-essential cookies, but no consent mechanism gates it`, file: analytics.file, line: analytics.line, hint: 'load analytics only after consent: a consent manager (Cookiebot, OneTrust, vanilla-cookieconsent, Klaro) or Google Consent Mode with analytics_storage denied by default' });
    return { score: 0.6 * docScore + (consent ? 0.4 : 0), findings, notes };
  },
});
