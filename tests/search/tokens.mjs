// Reads {tables, texts} as JSON on stdin (the tokenizer tables as an index manifest ships
// them, and strings) and prints, as JSON, the browser client's tokens (squashed and spaced
// keys, and the spellings of words with diacritics) for each, so tests/search_tokenizer.rs can compare them with Rust's.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const search = require('../../themes/default/static/search.js');
const { tables, texts } = JSON.parse(readFileSync(0, 'utf8'));
search.useTables(tables);
process.stdout.write(JSON.stringify(texts.map((s) => [search.tokenize(s), search.squash(s), search.spaced(s), search.spellings(s)])));
