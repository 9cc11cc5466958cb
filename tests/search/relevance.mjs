// Usage: node relevance.mjs <built site> — runs every relevance query (queries.mjs) through
// the real client on the site's index of its language and prints JSON: per query the rank
// of the first expected record (0: not in the first 10), the rank of the first record named
// in the query's `below` (records that must come after the expected one, 0: none in the
// first 10) and the names of the top 3, and recall@3 and MRR (over the first 10) overall
// and per language (`langs`, by code).
import path from 'node:path';
import { open, results, search } from './client.mjs';
import { loadQueries, expected } from './queries.mjs';

const site = process.argv[2];
const sessions = {};
const queries = loadQueries().map((q) => {
  const s = sessions[q.lang] ??= open(path.join(site, `assets/search-${q.lang}.js`));
  const names = results(s, q.q).slice(0, 10).map((r) => s.index.display(r.doc).name);
  const rank = names.findIndex((n) => expected(q, n, search.normalize)) + 1;
  const below = names.findIndex((n) => expected({ expect: q.below ?? [] }, n, search.normalize)) + 1;
  return { file: path.basename(q.file), lang: q.lang, q: q.q, expect: q.expect, rank, below, top3: names.slice(0, 3) };
});
function summary(list) {
  return {
    queries: list.length,
    recall3: list.filter((q) => q.rank >= 1 && q.rank <= 3).length / list.length,
    mrr: list.reduce((sum, q) => sum + (q.rank ? 1 / q.rank : 0), 0) / list.length,
  };
}
const langs = {};
for (const code of [...new Set(queries.map((q) => q.lang))]) {
  langs[code] = summary(queries.filter((q) => q.lang === code));
}
process.stdout.write(JSON.stringify({ queries, all: summary(queries), langs }));
