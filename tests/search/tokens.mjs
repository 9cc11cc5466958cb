// Reads a JSON array of strings on stdin and prints, as JSON, the browser client's tokens
// (and squashed keys) for each, so tests/search_tokenizer.rs can compare them with Rust's.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const search = require('../../themes/default/static/search.js');
const inputs = JSON.parse(readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(inputs.map((s) => [search.tokenize(s), search.squash(s), search.spaced(s)])));
