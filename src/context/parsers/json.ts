import { defineParser } from './parser.js';

export type JsonFile = { value: unknown; error: null } | { value: undefined; error: string };

export const jsonParser = defineParser<JsonFile>('json', (text) => {
  try {
    return { value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), error: null };
  } catch (err) {
    return { value: undefined, error: (err as Error).message };
  }
});
