/**
 * Reads the built-in checks' READMEs for the formats that quote them (SARIF rule help, roadmap fix
 * text). This is I/O, kept out of the reporters so they stay pure functions of the report.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CHECK_SOURCES_DIR } from '../engine/registry.js';
import type { CheckDoc, Report } from './report-model.js';

/** The same shape the registry accepts: `area.name`, no path separators. */
const CHECK_ID = /^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/;

export async function withCheckDocs(report: Report, dir = CHECK_SOURCES_DIR): Promise<Report> {
  const docs: Record<string, CheckDoc> = {};
  await Promise.all(
    report.checks.map(async (check) => {
      if (!CHECK_ID.test(check.id)) return;
      const text = await readFile(path.join(dir, check.id, 'README.md'), 'utf8').catch(() => null);
      if (text !== null) docs[check.id] = parseCheckReadme(text);
    }),
  );
  return { ...report, docs };
}

/** Splits a README written to the guide's layout: `# id`, then What it checks / Why / How to fix. */
export function parseCheckReadme(markdown: string): CheckDoc {
  const sections = new Map<string, string[]>();
  let current = '';
  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const heading = /^#{1,3}\s+(.*)$/.exec(line);
    if (heading) {
      current = heading[1].trim().toLowerCase();
      sections.set(current, []);
    } else {
      sections.get(current)?.push(line);
    }
  }
  const firstParagraph = (name: RegExp): string | null => {
    const key = [...sections.keys()].find((k) => name.test(k));
    if (key === undefined) return null;
    const lines = sections.get(key)!;
    const start = lines.findIndex((l) => l.trim() !== '');
    if (start < 0) return null;
    const end = lines.findIndex((l, i) => i > start && l.trim() === '');
    return lines.slice(start, end < 0 ? undefined : end).map((l) => l.trim()).join(' ');
  };
  const whole = (name: RegExp): string | null => {
    const key = [...sections.keys()].find((k) => name.test(k));
    const text = key === undefined ? '' : sections.get(key)!.join('\n').trim();
    return text === '' ? null : text;
  };
  return {
    summary: firstParagraph(/^what/) ?? firstParagraph(/./) ?? '',
    fix: whole(/^how to fix|^fix|^remediation/),
    markdown: markdown.trim() + '\n',
  };
}
