import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { defineParser } from './parser.js';

export interface YamlFile {
  docs: Document.Parsed[];
  lineCounter: LineCounter;
  /** First syntax error, if any, with a 1-based position. */
  error: { message: string; line: number; column: number } | null;
  /** 1-based line of a character offset (e.g. `node.range[0]`). */
  lineAt(offset: number): number;
}

/** YAML documents with source positions. Aliases are expanded lazily by callers with a bound. */
export const yamlParser = defineParser<YamlFile>('yaml', (text) => {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false }) as Document.Parsed[] | { empty: true };
  const list = Array.isArray(docs) ? docs : [];
  const first = list.flatMap((d) => d.errors)[0];
  return {
    docs: list,
    lineCounter,
    error: first
      ? { message: first.message.split('\n')[0], line: first.linePos?.[0].line ?? 1, column: first.linePos?.[0].col ?? 1 }
      : null,
    lineAt: (offset: number) => lineCounter.linePos(offset).line,
  };
});

/** Plain values of every document, with alias expansion bounded against billion-laughs input. */
export function yamlValues(file: YamlFile): unknown[] {
  const out: unknown[] = [];
  for (const doc of file.docs) {
    if (doc.errors.length > 0) continue;
    try {
      out.push(doc.toJS({ maxAliasCount: 100 }));
    } catch {
      // an alias bomb or a broken document is skipped; its syntax error is already in `error`
    }
  }
  return out;
}
