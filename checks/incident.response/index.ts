/**
 * incident.response: an incident-response document that defines severity levels and an
 * escalation/on-call path, and a postmortem template with the usual sections. Judged by content:
 * a file named INCIDENT.md with neither is not a procedure.
 */
import { servicePresenceFact } from '../../src/facts/service-presence.js';
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import type { MarkdownDoc } from '../../src/context/parsers/markdown.js';
import { documentsFact, readDocument } from '../../src/facts/documents.js';
import { isTestDataPath } from '../../src/facts/test-data-paths.js';
import { escalation, postmortemSections, severityLevels } from './content.js';

const IR_PLACE = /incident|on-?call|escalat|emergency|sev(erity)?[-_ ]?levels?|response/i;
const PM_PLACE = /post-?mortem|incident[-_ ]?(review|report)|retrospective|\bpir\b|\brca\b|root[-_ ]?cause|after[-_ ]action/i;

interface Doc {
  path: string;
  doc: MarkdownDoc;
}

export default defineCheck({
  meta: {
    id: 'incident.response',
    title: 'Incident response and postmortems',
    category: 'monitoring',
    severity: 'medium',
    description: 'An incident-response doc with severity levels and escalation/on-call, and a postmortem template.',
  },
  async applies({ repo }) {
    return (await repo.fact(servicePresenceFact)) !== null || { applies: false, reason: 'not a service: no web framework, start command or Kubernetes workload' };
  },
  async run({ repo }) {
    const ir: Doc[] = [];
    const pm: Doc[] = [];
    for (const path of await repo.fact(documentsFact)) {
      if (isTestDataPath(path)) continue;
      const text = (await repo.text(path)) ?? '';
      const irPlace = IR_PLACE.test(path) || /^#{1,2}\s.*(incident|on-?call|escalat)/im.test(text);
      const pmPlace = PM_PLACE.test(path) || /^#{1,2}\s.*(post-?mortem|incident review|retrospective)/im.test(text);
      if (!irPlace && !pmPlace) continue;
      const doc = await readDocument(repo, path);
      if (!doc) continue;
      if (pmPlace && (PM_PLACE.test(path) || PM_PLACE.test(doc.title ?? ''))) pm.push({ path, doc });
      if (irPlace) ir.push({ path, doc });
    }
    const findings: Finding[] = [];
    const notes: string[] = [];
    let score = 0;
    // Severity levels and escalation may live in different documents (a severity matrix, an on-call page).
    const sev = ir.map((d) => ({ d, levels: severityLevels(d.doc) })).find((x) => x.levels.length >= 2);
    const esc = ir.map((d) => ({ d, at: escalation(d.doc) })).find((x) => x.at);
    if (sev) {
      score += 0.35;
      notes.push(`severity levels (${sev.levels.join(', ')}) in ${sev.d.path}`);
    }
    if (esc) {
      score += 0.35;
      notes.push(`escalation/on-call in ${esc.d.path}:${esc.at!.line}`);
    }
    if (!ir.length) findings.push({ id: 'no-incident-doc', message: 'no incident-response document', hint: 'write docs/incident-response.md: severity levels (SEV1–SEV3 with examples and response times), who is on call, how to escalate, roles and communication; mina init scaffolds one' });
    else {
      const first = ir[0];
      if (!sev) findings.push({ id: 'no-severity-levels', message: `${first.path} defines no severity levels`, file: first.path, hint: 'define SEV1–SEV3 (or P1–P3): what qualifies, response time, who is paged' });
      if (!esc) findings.push({ id: 'no-escalation', message: `${first.path} gives no escalation or on-call path`, file: first.path, hint: 'say who is on call (rotation, PagerDuty/Opsgenie schedule), and whom to escalate to and when' });
    }
    const best = pm.map((d) => ({ d, sections: postmortemSections(d.doc) })).sort((a, b) => b.sections.length - a.sections.length)[0];
    if (!best) findings.push({ id: 'no-postmortem-template', message: 'no postmortem template', hint: 'add docs/postmortem-template.md with summary, impact, timeline, root cause and action items' });
    else if (best.sections.length >= 4) {
      score += 0.3;
      notes.push(`postmortem template ${best.d.path}`);
    } else {
      score += 0.1;
      const missing = ['summary', 'impact', 'timeline', 'root cause', 'action items'].filter((s) => !best.sections.includes(s));
      findings.push({ id: 'postmortem-incomplete', message: `${best.d.path} lacks ${missing.join(', ')}`, file: best.d.path, hint: 'a postmortem needs summary, impact, timeline, root cause and action items with owners' });
    }
    return { score: Math.round(score * 100) / 100, findings, notes };
  },
});
