/**
 * ops.runbooks: on-call has written procedures for the four moments that matter — deploying,
 * rolling back, restoring data, and answering the common alerts. A topic counts only when a runbook
 * has a section (or a whole file) about it with actual content, not an empty heading.
 */
import { defineCheck, type Finding } from '../../src/engine/check-api.js';
import { documentsFact, readDocument } from '../../src/facts/documents.js';

const TOPICS = {
  deploy: { pattern: /\b(deploy\w*|releas\w*|rollout|ship\w*|go-?live)\b/i, hint: 'how to deploy: prerequisites, the command or pipeline, how to verify' },
  rollback: { pattern: /\b(roll(?:ing|ed)?[ -]?back\w*|revert\w*|rollout undo|downgrad\w*)\b/i, hint: 'how to roll back a bad release, and how to tell it worked' },
  restore: { pattern: /\b(restor\w*|recover\w*|disaster|backups?)\b/i, hint: 'how to restore the database from backup, with the exact commands' },
  alerts: { pattern: /\b(alert\w*|alarms?|on-?call|incidents?|troubleshoot\w*|pag(?:e|er|ing)|symptoms?)\b/i, hint: 'what each common alert means and the first steps to take' },
} as const;
type Topic = keyof typeof TOPICS;

/** A runbook lives in a runbooks/playbooks folder, is named like one, or calls itself one in its title. */
const RUNBOOK_DIR = /^(run|play)-?books?$/i;
const RUNBOOK_FILE = /(^|[-_.])((run|play)-?books?|operations[-_]manual)([-_.]|$)/i;

const RUNBOOK_WORD = /run-?book|play-?book/i;

function isRunbookPath(path: string): boolean {
  const parts = path.split('/');
  return parts.slice(0, -1).some((d) => RUNBOOK_DIR.test(d)) || RUNBOOK_FILE.test(parts[parts.length - 1]);
}

export default defineCheck({
  meta: {
    id: 'ops.runbooks',
    title: 'Runbooks for deploy, rollback, restore and alerts',
    category: 'ops',
    severity: 'medium',
    description: 'Runbooks exist for the service: deploy, rollback, restore and the common alerts.',
  },
  async run({ repo }) {
    const covered = new Map<Topic, string>();
    let runbooks = 0;
    const docs = await repo.fact(documentsFact);
    // Parsing every document of a large tree is the slow part: only parse a document that is in a
    // runbook place or at least mentions the word (the texts read concurrently).
    const elsewhere = docs.filter((p) => !isRunbookPath(p));
    const texts = await repo.readTexts(elsewhere);
    const mentions = new Set(elsewhere.filter((_, i) => RUNBOOK_WORD.test(texts[i] ?? '')));
    for (const path of docs) {
      if (!isRunbookPath(path) && !mentions.has(path)) continue;
      const doc = await readDocument(repo, path);
      if (!doc || !(isRunbookPath(path) || RUNBOOK_WORD.test(doc.title ?? ''))) continue;
      runbooks++;
      const fileName = path.split('/').pop()!.replace(/\.[^.]+$/, '').replace(/[-_]/g, ' ');
      const hasBody = doc.sections.some((s) => s.hasContent);
      for (const topic of Object.keys(TOPICS) as Topic[]) {
        if (covered.has(topic)) continue;
        const { pattern } = TOPICS[topic];
        const section = doc.sections.find((s) => s.hasContent && pattern.test(s.heading));
        if (section) covered.set(topic, `${path}:${section.line}`);
        else if (hasBody && pattern.test(fileName)) covered.set(topic, path);
      }
    }
    if (runbooks === 0) {
      return {
        score: 0,
        findings: [{ id: 'missing', message: 'no runbooks (docs/runbooks/*.md or a RUNBOOK.md)', hint: 'write docs/runbooks/ with deploy, rollback, restore and alert pages; mina init scaffolds them' }],
      };
    }
    const findings: Finding[] = (Object.keys(TOPICS) as Topic[])
      .filter((t) => !covered.has(t))
      .map((t) => ({ id: `missing-${t}`, message: `no runbook covers ${t === 'alerts' ? 'the common alerts' : t}`, hint: `add a section on ${TOPICS[t].hint}` }));
    const notes = [...covered].map(([topic, where]) => `${topic}: ${where}`);
    return { score: covered.size / Object.keys(TOPICS).length, findings, notes };
  },
});
