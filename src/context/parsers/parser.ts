/**
 * A parsed form of a file. `RepoContext.parse(path, parser)` caches by parser id and path, so any
 * number of checks can ask for the same form and each file is parsed once per run.
 */
export interface Parser<T> {
  id: string;
  parse(text: string, path: string): T;
}

export function defineParser<T>(id: string, parse: (text: string, path: string) => T): Parser<T> {
  return { id, parse };
}
