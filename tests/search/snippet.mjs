// Reads {tables, cases} on stdin (the tokenizer tables as the manifest ships them, and
// [text, query] pairs) and prints, for each, the snippet pieces
// ([text, marked]…) the browser client makes of text for query (search.js snippet(), with
// what the page marks for the query without thesaurus alternatives).
import { readFileSync } from 'node:fs';
import { search } from './client.mjs';

const { tables, cases } = JSON.parse(readFileSync(0, 'utf8'));
search.useTables(tables);
process.stdout.write(JSON.stringify(cases.map(([text, query]) =>
  search.snippet(text, search.marksFor(query, [search.spaced(query)]), 90))));
