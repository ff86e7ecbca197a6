/** A user-facing configuration or usage error: exits 2, names the file, line and column. */
export interface ConfigProblem {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export class ConfigError extends Error {
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[] | ConfigProblem | string) {
    const list = typeof problems === 'string' ? [{ file: '', message: problems }] : Array.isArray(problems) ? problems : [problems];
    super(list.map(formatProblem).join('\n'));
    this.name = 'ConfigError';
    this.problems = list;
  }
}

export function formatProblem(p: ConfigProblem): string {
  if (!p.file) return p.message;
  const where = p.line ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return `${where}: ${p.message}`;
}
