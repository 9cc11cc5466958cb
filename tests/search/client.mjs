// The real browser client (themes/default/static/search.js) run under Node against built
// index files, loading shards and display chunks the way the search page does.
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
export const search = require('../../themes/default/static/search.js');

/** A fresh client on the manifest `assets/search-xx.js`; `files` lists what it loaded. */
export function open(manifest) {
  const dir = manifest.slice(0, manifest.lastIndexOf('/') + 1);
  const window = {};
  vm.runInNewContext(readFileSync(manifest, 'utf8'), { window });
  const index = new search.Index(window.MADOGUCHI_SEARCH);
  window.MADOGUCHI_SHARD = (lang, i, data) => { index.shards[i] = data; };
  window.MADOGUCHI_DOCS = (lang, i, rows) => { index.chunks[i] = rows; };
  window.MADOGUCHI_TEXTS = (lang, i, texts) => { index.texts[i] = texts; };
  const files = [manifest];
  /* Part file i of `part` (shards, chunks or texts), named by the manifest. */
  const load = (part, i) => {
    const name = dir + index.d.files[part].replace('{}', i);
    files.push(name);
    vm.runInNewContext(readFileSync(name, 'utf8'), { window });
  };
  return { index, files, load };
}

/** The ranked results the page shows for q, loading what they need. */
export function results(s, q) {
  for (const i of s.index.missing(q)) s.load('shards', i);
  if (s.index.missing(q).length) throw new Error(`shards still missing for ${q}`);
  // The page shows the first MAX_RESULTS, so their result lines and snippet texts are what
  // it downloads.
  const found = s.index.search(q).slice(0, search.MAX_RESULTS);
  for (const c of s.index.missingDocs(found.map((r) => r.doc))) {
    s.load('chunks', c);
    s.load('texts', c);
  }
  return s.index.rank(found);
}

/** Gives the client the tokenizer tables of the built site in `site` (every language's
    manifest carries the same), for code that normalizes text without opening an index. */
export function useSiteTables(site) {
  const assets = path.join(site, 'assets');
  const first = readdirSync(assets).filter((f) => /^search-.+\.js$/.test(f)).sort()[0];
  open(path.join(assets, first));
}
