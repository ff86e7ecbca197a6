/**
 * Escaping for the text formats. Report text comes from scanned files (messages quote code, paths
 * can hold anything), so nothing reaches XML, HTML or Markdown unescaped.
 */

/** Characters XML 1.0 forbids even as references; a hostile file name must not make invalid XML. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text or attribute value for XML and HTML alike. */
export function escapeXml(text: string): string {
  return text
    .replace(XML_INVALID, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export const escapeHtml = escapeXml;

/**
 * Inline Markdown text (a table cell, a list item): no HTML, links, emphasis or table breaks
 * injected by the scanned repository, no line breaks that would end the cell, and no @mention that
 * would notify people when the text lands in a pull-request comment. Balanced `code spans` stay
 * code spans: nothing inside one is interpreted, and hints read better with them.
 */
export function escapeMarkdown(text: string, inTable = false): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  let out = '';
  let last = 0;
  for (const m of flat.matchAll(/`[^`]{1,500}`/g)) {
    out += escapeProse(flat.slice(last, m.index)) + (inTable ? m[0].replace(/\|/g, '\\|') : m[0]);
    last = m.index + m[0].length;
  }
  return out + escapeProse(flat.slice(last));
}

function escapeProse(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, (ch) => `\\${ch}`)
    .replace(/&(?=#?[A-Za-z0-9]{1,32};)/g, '&amp;')
    .replace(/@(?=[A-Za-z0-9])/g, '@\u200B');
}

/** A code span: backticks would close it, so they become a look-alike; in a table `|` ends the cell. */
export function markdownCode(text: string, inTable = false): string {
  const body = text.replace(/[\r\n]+/g, ' ').replace(/`/g, 'ˋ');
  return '`' + (inTable ? body.replace(/\|/g, '\\|') : body) + '`';
}

/** Cut at a character budget on a code point boundary, marking the cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  if (/[\uDC00-\uDFFF]/.test(text[cut] ?? '')) cut--;
  return text.slice(0, cut) + '…';
}
