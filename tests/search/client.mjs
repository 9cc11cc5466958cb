// The real browser client (themes/default/static/search.js) run under Node against built
// index files, loading shards and display chunks the way the search page does.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
export const search = require('../../themes/default/static/search.js');

/** A fresh client on the manifest `assets/search-xx.js`; `files` lists what it loaded. */
export function open(manifest) {
  const dir = manifest.replace(/\.js$/, '/');
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

/** The ranked results the page shows for q, loading what they need. */
export function results(s, q) {
  for (const i of s.index.missing(q)) s.load(`s${i}.js`);
  if (s.index.missing(q).length) throw new Error(`shards still missing for ${q}`);
  // The page shows the first MAX_RESULTS, so their display chunks are what it downloads.
  const found = s.index.search(q).slice(0, search.MAX_RESULTS);
  for (const c of s.index.missingDocs(found.map((r) => r.doc))) s.load(`d${c}.js`);
  return s.index.rank(found);
}
