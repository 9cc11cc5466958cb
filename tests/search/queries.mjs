// The relevance queries: the shared list (../shared/search/queries.json, found through
// MADOGUCHI_SHARED or in a `shared` folder beside the repository or any folder above it;
// the repository's copy tests/search/queries.json when there is none) and every query file
// of the repository's own, tests/search/queries-*.json (parents' words, each language's).
// A query expects one of the names (or parts of names) in `expect` among its first three
// results and may name in `below` records that must come after that one (a record that
// only matches once folded, "chăm" for "chậm").
// Run directly, prints them as JSON: [{file, lang, q, expect, below?}].
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared folder, or null. */
export function sharedDir() {
  if (process.env.MADOGUCHI_SHARED) return process.env.MADOGUCHI_SHARED;
  for (let dir = path.dirname(REPO); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'shared', 'search', 'queries.json'))) return path.join(dir, 'shared');
    if (path.dirname(dir) === dir) return null;
  }
}

export function queryFiles() {
  const shared = sharedDir();
  const sharedFile = shared && path.join(shared, 'search', 'queries.json');
  return [
    sharedFile && fs.existsSync(sharedFile) ? sharedFile : path.join(REPO, 'tests/search/queries.json'),
    ...ownQueryFiles(),
  ];
}

/** tests/search/queries-*.json, sorted by name. */
export function ownQueryFiles() {
  const dir = path.join(REPO, 'tests/search');
  return fs.readdirSync(dir)
    .filter((f) => f.startsWith('queries-') && f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f));
}

export function loadQueries() {
  return queryFiles().flatMap((file) =>
    JSON.parse(fs.readFileSync(file, 'utf8')).map((q) => ({ file, ...q })));
}

/** Whether a result name is one of q's expected records (folded like the index). */
export function expected(q, name, normalize) {
  return q.expect.some((e) => normalize(name).includes(normalize(e)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(JSON.stringify(loadQueries()));
