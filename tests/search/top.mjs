// Usage: node top.mjs <built assets/search-xx.js> — reads a JSON array of queries on stdin
// and prints, for each, the names of the top 3 results the real client returns.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
const search = require('../../themes/default/static/search.js');
const window = {};
vm.runInNewContext(readFileSync(process.argv[2], 'utf8'), { window });
const index = new search.Index(window.MADOGUCHI_SEARCH);
const queries = JSON.parse(readFileSync(0, 'utf8'));
const out = queries.map((q) => index.search(q).slice(0, 3).map((r) => index.display(r.doc).name));
process.stdout.write(JSON.stringify(out));
