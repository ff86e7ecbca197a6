/**
 * Prose documents of the repository (Markdown, reStructuredText, AsciiDoc, plain text) and their
 * heading sections. Non-Markdown formats are split on their own heading syntax.
 */
import { defineFact, type RepoContext } from '../context/repo-context.js';
import { markdownParser, type MarkdownDoc, type MarkdownSection } from '../context/parsers/markdown.js';

export const DOC_EXTENSIONS = /\.(md|markdown|mdx|rst|adoc|asciidoc|txt)$/i;

/** Every prose document in the tree, by path. */
export const documentsFact = defineFact('documents', (repo) => repo.files.filter((f) => DOC_EXTENSIONS.test(f.path)).map((f) => f.path));

export async function readDocument(repo: RepoContext, path: string): Promise<MarkdownDoc | null> {
  if (/\.(md|markdown|mdx)$/i.test(path)) return repo.parse(path, markdownParser);
  const text = await repo.text(path);
  return text === null ? null : plainSections(text, path);
}

/** reST/AsciiDoc/plain: a heading is an `= Title` line (AsciiDoc) or a line underlined with = - ~ (reST). */
function plainSections(text: string, path: string): MarkdownDoc {
  const lines = text.split(/\r?\n/);
  const sections: MarkdownSection[] = [];
  let current: MarkdownSection = { heading: '', depth: 0, line: 1, body: '', hasContent: false };
  const push = () => {
    if (current.heading || current.body.trim()) sections.push(current);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const adoc = /\.(adoc|asciidoc)$/i.test(path) ? /^(={1,6})\s+(\S.*)$/.exec(line) : null;
    const underline = i + 1 < lines.length && line.trim() && /^([=\-~^"'`#*+])\1{2,}\s*$/.test(lines[i + 1]) && lines[i + 1].trim().length >= line.trim().length;
    if (adoc || underline) {
      push();
      current = { heading: adoc ? adoc[2].trim() : line.trim(), depth: adoc ? adoc[1].length : 1, line: i + 1, body: '', hasContent: false };
      if (underline) i++;
      continue;
    }
    current.body += line + '\n';
    if (line.trim()) current.hasContent = true;
  }
  push();
  const title = sections.find((s) => s.heading)?.heading ?? null;
  return { title, sections, text };
}
