/**
 * The privacy policy, by content: a document (Markdown, reST, text, or an HTML/JSX privacy page)
 * named or titled for privacy / data processing / data protection, and which of the five
 * essentials it covers.
 */
import type { RepoContext } from '../../src/context/repo-context.js';
import { documentsFact, readDocument } from '../../src/facts/documents.js';
import { isTestDataPath } from '../../src/facts/test-data-paths.js';

const PLACE = /privacy|data[-_ ]?processing|data[-_ ]?protection|\bdpa\b|gdpr/i;
const PAGE = /privacy[^/]*\.(html?|jinja2?|j2|hbs|ejs|njk|vue|svelte|astro|jsx|tsx|mdx)$/i;

const TOPICS: Record<string, RegExp> = {
  'data collected': /\b(collect|personal (data|information)|information (we|you)|data we (hold|process|store)|categories of data)\b/i,
  purpose: /\b(purpose|legal basis|lawful basis|legitimate interest|why we|we use (your|this)|consent)\b/i,
  retention: /\b(retain|retention|how long|kept for|deleted (after|within))\b/i,
  rights: /\b(your rights|right to|access|erasure|rectif\w*|portability|object to|withdraw)\b/i,
  contact: /\b(contact|controller|data protection officer|dpo|@[a-z0-9-]+\.[a-z]{2,})\b/i,
};

export interface PrivacyDoc {
  file: string;
  topics: string[];
}

export async function privacyDocument(repo: RepoContext): Promise<PrivacyDoc | null> {
  let best: PrivacyDoc | null = null;
  const candidates = [...(await repo.fact(documentsFact)), ...repo.files.filter((f) => PAGE.test(f.path)).map((f) => f.path)];
  for (const path of new Set(candidates)) {
    if (isTestDataPath(path) || /(^|\/)(node_modules|vendor)\//.test(path)) continue;
    const text = await repo.text(path);
    if (!text || text.length > 1024 * 1024) continue;
    // parse only documents that name the subject in their path or opening lines
    if (!PLACE.test(path) && !PLACE.test(text.slice(0, 2000))) continue;
    let title = '';
    let body = text;
    if (/\.(md|markdown|mdx|rst|adoc|asciidoc|txt)$/i.test(path)) {
      const doc = await readDocument(repo, path);
      title = doc?.title ?? '';
      body = doc?.text ?? text;
    } else body = stripTags(text);
    if (!PLACE.test(path) && !PLACE.test(title)) continue;
    const topics = Object.entries(TOPICS).filter(([, re]) => re.test(body)).map(([k]) => k);
    if (!best || topics.length > best.topics.length) best = { file: path, topics };
  }
  return best;
}

/** Visible text of markup: tags and JSX braces dropped (linear). */
function stripTags(text: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '<') depth++;
    else if (c === '>' && depth > 0) {
      depth--;
      out += ' ';
    } else if (depth === 0) out += c;
  }
  return out;
}
