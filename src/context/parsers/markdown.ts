import { Lexer, type Token, type Tokens } from 'marked';
import { defineParser } from './parser.js';

export interface MarkdownSection {
  /** Heading text ('' for the part before the first heading). */
  heading: string;
  depth: number;
  /** 1-based line of the heading. */
  line: number;
  /** Body text of the section, without nested headings' bodies. */
  body: string;
  /** True when the body holds more than whitespace: a paragraph, list, code block or table. */
  hasContent: boolean;
}

export interface MarkdownDoc {
  title: string | null;
  sections: MarkdownSection[];
  /** All text outside code blocks, for reading contact details and links. */
  text: string;
}

/** Splits a Markdown file into heading sections using marked's lexer (fences and setext headings handled). */
export const markdownParser = defineParser<MarkdownDoc>('markdown', (source) => {
  const tokens = new Lexer({ gfm: true }).lex(source);
  const sections: MarkdownSection[] = [{ heading: '', depth: 0, line: 1, body: '', hasContent: false }];
  let line = 1;
  let title: string | null = null;
  const prose: string[] = [];
  for (const token of tokens) {
    const current = sections[sections.length - 1];
    if (token.type === 'heading') {
      const h = token as Tokens.Heading;
      if (title === null && h.depth === 1) title = h.text.trim();
      sections.push({ heading: h.text.trim(), depth: h.depth, line, body: '', hasContent: false });
      prose.push(h.text);
    } else {
      current.body += token.raw;
      if (isContent(token)) current.hasContent = true;
      if (token.type !== 'code') prose.push(token.raw);
    }
    line += countNewlines(token.raw);
  }
  return { title, sections: sections.filter((s, i) => i > 0 || s.body.trim() !== ''), text: prose.join('\n') };
});

function isContent(token: Token): boolean {
  return token.type !== 'space' && token.type !== 'hr' && token.type !== 'html' && token.raw.trim() !== '';
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}
