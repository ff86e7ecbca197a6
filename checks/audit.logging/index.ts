/**
 * audit.logging: security-relevant actions — logging in, changing permissions, exporting or deleting
 * a user's data — are written to an audit log at the place they happen. Also recognises audit
 * libraries that hook these events themselves (django-easy-audit, django-axes) and Django login
 * signal receivers that log.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { codeIndexFact, findKinds, lineOf, shortText, stringsOf, valueOf } from '../../src/facts/code/index.js';
import { djangoSettingsFact } from '../../src/facts/django-settings.js';
import { httpRoutesFact } from '../../src/facts/http-routes/index.js';
import { auditCalls, functionPlaces, placeAudited, routePlaces, type Category, type Place } from './places.js';

const LABEL: Record<Category, string> = { login: 'logins', permission: 'permission changes', data: 'data exports and deletions' };

export default defineCheck({
  meta: {
    id: 'audit.logging',
    title: 'Security events are audit-logged',
    category: 'privacy',
    severity: 'medium',
    description: 'Security-relevant actions (login, permission change, data export/delete) are written to an audit log.',
  },
  async applies({ repo }) {
    const routes = await repo.fact(httpRoutesFact);
    return routes.service !== null || { applies: false, reason: 'no HTTP service found' };
  },
  async run({ repo }) {
    const [index, routes, django] = await Promise.all([repo.fact(codeIndexFact), repo.fact(httpRoutesFact), repo.fact(djangoSettingsFact)]);
    const audited = new Set<Category>();
    const notes: string[] = [];
    // Libraries that write the trail themselves.
    const apps = django.inProduction('INSTALLED_APPS').flatMap((h) => stringsOf(valueOf(index, index.get(h.file)!, h.node)));
    if (apps.some((a) => a.startsWith('easyaudit'))) for (const c of ['login', 'permission', 'data'] as const) audited.add(c);
    if (apps.some((a) => a === 'axes')) audited.add('login');
    let sink = audited.size > 0 ? 'an audit app in INSTALLED_APPS' : null;
    for (const f of index.files) {
      const calls = auditCalls(f, f.root);
      if (calls.length && !sink) sink = `${f.path}:${lineOf(calls[0])}`;
      // Django: @receiver(user_logged_in) / user_logged_in.connect(handler) whose handler logs
      if (f.lang === 'python' && /user_logged_in|user_login_failed/.test(f.root.text())) {
        const logs = findKinds(f, ['call']).some((c) => /(^|\.)(info|warning|error|log|critical)$/.test(shortText(c.field('function'), 200) ?? '') || calls.includes(c));
        if (logs) {
          audited.add('login');
          sink ??= `${f.path} (login signal receiver)`;
        }
      }
    }
    if (!sink) return { score: 0, findings: [{ id: 'no-audit-log', message: 'nothing writes an audit log (no audit call, audit table insert, security logger or audit library)', hint: 'add an audit function writing who/what/when/from-where to an append-only table or a dedicated logger, and call it at login, permission changes and data export/delete' }] };
    notes.push(`audit writes at ${sink}`);
    const places: Place[] = [...routePlaces(routes.routes), ...functionPlaces(index)];
    for (const p of places) if (!audited.has(p.category) && placeAudited(index, p)) audited.add(p.category);
    const present = new Set(places.map((p) => p.category));
    for (const c of audited) present.add(c);
    if (!present.size) return { score: 1, findings: [], notes: [...notes, 'no login, permission or data-export/delete code paths found to check'] };
    const findings: Finding[] = [];
    for (const c of present) {
      if (audited.has(c)) {
        notes.push(`${LABEL[c]} audited`);
        continue;
      }
      const p = places.find((x) => x.category === c)!;
      findings.push({ id: `not-audited-${c}`, message: `${LABEL[c]} are not audit-logged (e.g. ${p.what})`, file: p.file, line: p.line, hint: `write an audit event (actor, action, subject, IP, time) in ${p.what}` });
    }
    const score = 0.4 + (0.6 * [...present].filter((c) => audited.has(c)).length) / present.size;
    return { score: Math.round(score * 1000) / 1000, findings, notes };
  },
});
