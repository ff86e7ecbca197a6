/**
 * A last guard before anything reaches the disk: every generated YAML file parses (strictly: no
 * duplicate keys) and every Dockerfile parses into known instructions with a FROM, using the same
 * libraries the checks read them with. A failure here is a bug in a template, never the user's.
 */
import { DockerfileParser } from 'dockerfile-ast';
import { parseAllDocuments } from 'yaml';
import type { FileSpec } from './model.js';

const INSTRUCTIONS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);

export function generatedFileProblem(spec: FileSpec): string | null {
  if (spec.format === 'yaml') {
    for (const doc of parseAllDocuments(spec.content, { uniqueKeys: true }) as unknown as Array<{ errors: Array<{ message: string }> }>) {
      if (doc.errors.length) return doc.errors[0].message.split('\n')[0];
    }
  }
  if (spec.format === 'dockerfile') {
    const instructions = DockerfileParser.parse(spec.content).getInstructions();
    const unknown = instructions.find((i) => !INSTRUCTIONS.has(i.getKeyword()));
    if (unknown) return `unknown instruction ${unknown.getKeyword()} on line ${unknown.getRange().start.line + 1}`;
    if (!instructions.some((i) => i.getKeyword() === 'FROM')) return 'no FROM instruction';
  }
  return null;
}
