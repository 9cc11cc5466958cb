// Usage: node top.mjs <built assets/search-xx.js> [--files] [--top N] — reads a JSON array of
// queries on stdin and prints, for each, the names of the top N (default 3) results the real
// client returns, loading shards and display chunks the way the page does. With --files each
// query starts from the bare manifest and also reports the scores, the number of results and
// the files it loaded (manifest first), so a benchmark can add up what one query downloads.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
const search = require('../../themes/default/static/search.js');
const args = process.argv.slice(2);
const manifest = args[0];
const withFiles = args.includes('--files');
const top = args.includes('--top') ? Number(args[args.indexOf('--top') + 1]) : 3;
const dir = manifest.replace(/\.js$/, '/');

function open() {
  const window = {};
  vm.runInNewContext(readFileSync(manifest, 'utf8'), { window });
  const index = new search.Index(window.MADOGUCHI_SEARCH);
  window.MADOGUCHI_SHARD = (lang, i, data) => { index.shards[i] = data; };
  window.MADOGUCHI_DOCS = (lang, i, rows) => { index.chunks[i] = rows; };
  const files = [manifest];
  const load = (name) => {
    files.push(dir + name);
    vm.runInNewContext(readFileSync(dir + name, 'utf8'), { window });
  };
  return { index, files, load };
}

const queries = JSON.parse(readFileSync(0, 'utf8'));
let shared = open();
const out = queries.map((q) => {
  const s = withFiles ? open() : shared;
  for (const i of s.index.missing(q)) s.load(`s${i}.js`);
  if (s.index.missing(q).length) throw new Error(`shards still missing for ${q}`);
  // The page shows up to 50 results, so their display chunks are what it downloads.
  const found = s.index.search(q).slice(0, 50);
  for (const c of s.index.missingDocs(found.map((r) => r.doc))) s.load(`d${c}.js`);
  const results = s.index.rank(found);
  const names = results.slice(0, top).map((r) => s.index.display(r.doc).name);
  const scores = results.slice(0, top).map((r) => r.score);
  return withFiles ? { names, scores, files: s.files, count: results.length } : names;
});
process.stdout.write(JSON.stringify(out));
