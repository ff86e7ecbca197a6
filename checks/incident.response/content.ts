/**
 * Reading incident documents by content: severity levels that are defined (a ladder such as
 * SEV1…SEV3 / P1…P3, or a severity section listing critical/major/minor with what each means), an
 * escalation or on-call path, and a postmortem template with the usual sections.
 */
import type { MarkdownDoc } from '../../src/context/parsers/markdown.js';

const LADDER = /\b(?:sev(?:erity)?[\s-]?([0-5])|p([0-4]))\b/gi;
const LEVEL_WORDS = /^(?:[-*+]|\d+\.|\||#+)?\s*(?:\*\*|`)?(critical|major|minor|high|medium|moderate|low|warning|emergency)\b/i;
const SEVERITY_HEADING = /severit|priorit|levels?|classif|impact/i;

/** Distinct severity levels the document defines (≥ 2 makes a scale). */
export function severityLevels(doc: MarkdownDoc): string[] {
  const levels = new Set<string>();
  for (const m of doc.text.matchAll(LADDER)) levels.add(m[1] !== undefined ? `sev${m[1]}` : `p${m[2]}`);
  if (levels.size >= 2) return [...levels];
  const words = new Set<string>();
  for (const s of doc.sections) {
    if (!SEVERITY_HEADING.test(s.heading)) continue;
    for (const line of s.body.split('\n')) {
      const m = LEVEL_WORDS.exec(line.trim());
      // a level with what it means, not a bare enum value
      if (m && line.trim().split(/\s+/).length >= 4) words.add(m[1].toLowerCase());
    }
  }
  // headings that are levels: "### SEV1 — outage" is covered by the ladder; "### Critical" here
  for (const s of doc.sections) if (s.hasContent && LEVEL_WORDS.test(s.heading) && s.depth > 1) words.add(LEVEL_WORDS.exec(s.heading)![1].toLowerCase());
  return words.size >= 2 ? [...words] : [...levels];
}

const ESCALATION_HEADING = /escalat|on-?call|pag(e|ing)|contacts?|who to (call|contact)|roles|incident commander|communicat/i;
const ESCALATION_TEXT = /\b(pagerduty|opsgenie|victorops|splunk on-?call|incident\.io|on-?call (rotation|engineer|schedule)|incident commander|escalat(e|es|ion) (to|path|policy|chain)|page the)\b/i;

export function escalation(doc: MarkdownDoc): { line: number } | null {
  const s = doc.sections.find((x) => x.hasContent && ESCALATION_HEADING.test(x.heading));
  if (s) return { line: s.line };
  const t = doc.sections.find((x) => ESCALATION_TEXT.test(x.body));
  return t ? { line: t.line } : null;
}

export const POSTMORTEM_SECTIONS: Record<string, RegExp> = {
  summary: /summary|overview|what happened|description/i,
  impact: /impact|customer|affected|severity/i,
  timeline: /timeline|chronolog|sequence of events/i,
  'root cause': /root[- ]?cause|contributing factor|cause|why/i,
  'action items': /action items?|follow[- ]?ups?|remediation|corrective|next steps|todo/i,
};

/** Which of the usual postmortem sections the template has (headings, or bold/`Label:` lines). */
export function postmortemSections(doc: MarkdownDoc): string[] {
  const labels = [
    ...doc.sections.map((s) => s.heading),
    ...doc.text.split('\n').flatMap((l) => {
      const m = /^\s*(?:[-*]\s*)?(?:\*\*([^*]{2,60})\*\*|([A-Z][\w /-]{2,40}):)/.exec(l);
      return m ? [m[1] ?? m[2]] : [];
    }),
  ];
  return Object.entries(POSTMORTEM_SECTIONS)
    .filter(([, re]) => labels.some((l) => re.test(l)))
    .map(([k]) => k);
}
