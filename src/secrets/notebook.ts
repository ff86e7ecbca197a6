/**
 * Jupyter notebooks keep each source line as a JSON string (`"token = \"...\"\n",`), so quotes
 * are escaped and assignments would not be recognised. Each such line is replaced by its decoded
 * content, keeping one line per line, so line numbers still point into the .ipynb file.
 */
const JSON_STRING_LINE = /^(\s*)("(?:[^"\\]|\\.){0,100000}")(,?)\s*$/;

export function unescapeNotebook(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (!line.includes('\\')) return line;
      const m = JSON_STRING_LINE.exec(line);
      if (!m) return line;
      try {
        return m[1] + (JSON.parse(m[2]) as string).replace(/[\r\n]+/g, ' ');
      } catch {
        return line;
      }
    })
    .join('\n');
}
