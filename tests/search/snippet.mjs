// Reads {tables, cases} on stdin (the tokenizer tables as the manifest ships them, and
// [text, query] pairs) and prints, for each, the snippet pieces
// ([text, marked]…) the browser client makes of text for query (search.js snippet()).
import { readFileSync } from 'node:fs';
import { search } from './client.mjs';

const { tables, cases } = JSON.parse(readFileSync(0, 'utf8'));
search.useTables(tables);
process.stdout.write(JSON.stringify(cases.map(([text, query]) => {
  const words = search.spaced(query).split(' ').filter(Boolean);
  const shortest = Math.min(3, ...words.map((w) => [...w].length));
  return search.snippet(text, search.tokenize(query), 90, shortest);
})));
