// Usage: node top.mjs <built assets/search-xx.js> [--files] [--top N] — reads a JSON array of
// queries on stdin and prints, for each, the names of the top N (default 3) results the real
// client returns, loading shards and display chunks the way the page does. With --files each
// query starts from the bare manifest and also reports the scores, the number of results and
// the files it loaded (manifest first), so a benchmark can add up what one query downloads.
import { readFileSync } from 'node:fs';
import { open, results } from './client.mjs';

const args = process.argv.slice(2);
const manifest = args[0];
const withFiles = args.includes('--files');
const top = args.includes('--top') ? Number(args[args.indexOf('--top') + 1]) : 3;

const queries = JSON.parse(readFileSync(0, 'utf8'));
const shared = open(manifest);
const out = queries.map((q) => {
  const s = withFiles ? open(manifest) : shared;
  const all = results(s, q);
  const names = all.slice(0, top).map((r) => s.index.display(r.doc).name);
  const scores = all.slice(0, top).map((r) => r.score);
  return withFiles ? { names, scores, files: s.files, count: all.length } : names;
});
process.stdout.write(JSON.stringify(out));
