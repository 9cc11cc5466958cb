// Reads a JSON array of [text, query] on stdin and prints, for each, the snippet pieces
// ([text, marked]…) the browser client makes of text for query (search.js snippet()).
import { readFileSync } from 'node:fs';
import { search } from './client.mjs';

const cases = JSON.parse(readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(cases.map(([text, query]) => {
  const words = search.spaced(query).split(' ').filter(Boolean);
  const shortest = Math.min(3, ...words.map((w) => [...w].length));
  return search.snippet(text, search.tokenize(query), 90, shortest);
})));
