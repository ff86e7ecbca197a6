import { defineParser } from './parser.js';

/** A file's lines, split once per run for everyone who looks findings up by line. */
export const linesParser = defineParser('lines', (text) => text.split('\n'));
