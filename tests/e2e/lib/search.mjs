// Search in the real browser: every relevance query (tests/search/queries.mjs) opened as
// search/index.html?q=… in its language must show an expected record among the first three
// results, above any record its `below` names; the home page's search box must lead there by a plain GET form; a query that
// finds nothing must show the no-result help.
import { expected } from '../../search/queries.mjs';
import { search, useSiteTables } from '../../search/client.mjs';

/** Waits until the page has answered the query in the box (results or the no-result line). */
async function answered(page) {
  return page
    .waitForFunction(() => (document.getElementById('search-status')?.textContent ?? '') !== '', null, { timeout: 5000 })
    .then(() => true, () => false);
}

async function topNames(page) {
  return page.$$eval('#search-results > li > a', (as) => as.slice(0, 10).map((a) => a.textContent));
}

/** Problems: queries whose expected record is not in the top 3 in Chromium (the site built
    in `dir`, served at `base`), or comes after a record the query's `below` names. */
export async function relevance(page, base, queries, dir) {
  useSiteTables(dir);
  const problems = [];
  const searchPages = await searchPagesByLanguage(page, base);
  for (const q of queries) {
    const rel = searchPages[q.lang];
    if (!rel) {
      problems.push({ page: 'index.html', what: `[${q.lang}] "${q.q}": the site has no search page in ${q.lang}` });
      continue;
    }
    await page.goto(`${base}${rel}?q=${encodeURIComponent(q.q)}`);
    const names = (await answered(page)) ? await topNames(page) : [];
    const rank = names.findIndex((n) => expected(q, n, search.normalize));
    const below = names.findIndex((n) => expected({ expect: q.below ?? [] }, n, search.normalize));
    if (rank < 0 || rank > 2) {
      problems.push({ page: rel, what: `[${q.lang}] "${q.q}": want one of ${JSON.stringify(q.expect)} in the top 3, got ${JSON.stringify(names.slice(0, 3))}` });
    } else if (below >= 0 && below < rank) {
      problems.push({ page: rel, what: `[${q.lang}] "${q.q}": want ${JSON.stringify(q.expect)} above ${JSON.stringify(q.below)}, got ${JSON.stringify(names)}` });
    }
  }
  return problems;
}

/** Problems with the words marked in Vietnamese snippets. Typed with diacritics ("hỗ trợ",
    help), a marked word must be spelled as typed, not another word folding to it (vai trò,
    role: tro too); typed without ("ho tro"), every folded match is marked, so the same
    results must show some word spelled otherwise (else the first check proved nothing). */
export async function marksAsTyped(page, base, dir) {
  useSiteTables(dir);
  const rel = (await searchPagesByLanguage(page, base)).vi;
  if (!rel) return [{ page: 'index.html', what: 'the site has no search page in vi' }];
  const marks = async (q) => {
    await page.goto(`${base}${rel}?q=${encodeURIComponent(q)}`);
    await answered(page);
    return page.$$eval('#search-results mark', (ms) => ms.map((m) => m.textContent));
  };
  const query = 'hỗ trợ', typed = new Map(search.spellings(query).map(([key, folded]) => [folded, key]));
  const asTyped = (mark) => {
    const keys = new Map(search.spellings(mark).map(([key, folded]) => [folded, key]));
    return search.tokenize(mark).every((t) => !typed.has(t) || keys.get(t) === typed.get(t));
  };
  const problems = [];
  const shown = await marks(query), wrong = shown.filter((m) => !asTyped(m));
  if (!shown.length) problems.push({ page: rel, what: `"${query}": no word marked in the snippets` });
  if (wrong.length) problems.push({ page: rel, what: `"${query}" marked ${JSON.stringify(wrong)}: spelled otherwise than typed` });
  if (!(await marks('ho tro')).some((m) => !asTyped(m))) {
    problems.push({ page: rel, what: `"ho tro" marked no word spelled otherwise than "${query}": want every folded match marked` });
  }
  return problems;
}

/** Each language's search page (from the output root) by language code: the home page's
    alternates name every language's home; each one's search page names its index file
    (`search-<code>.js`). */
async function searchPagesByLanguage(page, base) {
  await page.goto(`${base}index.html`);
  const homes = await page.$$eval('link[rel="alternate"][hreflang]', (ls) => ls.map((l) => l.href));
  const pages = {};
  for (const home of new Set(homes)) {
    const rel = `${home.slice(base.length).replace(/index\.html$/, '')}search/index.html`;
    await page.goto(base + rel);
    const index = await page.getAttribute('#search-input', 'data-index');
    const code = index && index.match(/search-([^/]+)\.js$/);
    if (code) pages[code[1]] = rel;
  }
  return pages;
}

/** Problems with the home page's search box and the no-result help. */
export async function searchBox(page, base) {
  const problems = [];
  for (const [home, q] of [['index.html', '児相'], ['en/index.html', 'parent training']]) {
    await page.goto(base + home);
    const box = page.locator('form[role=search] input[name=q]');
    if ((await box.count()) !== 1) {
      problems.push({ page: home, what: 'want one search box (a GET form with an input named q)' });
      continue;
    }
    await box.fill(q);
    await Promise.all([page.waitForNavigation(), box.press('Enter')]);
    const url = new URL(page.url());
    if (!url.pathname.endsWith('/search/index.html') || url.searchParams.get('q') !== q) {
      problems.push({ page: home, what: `the search box went to ${page.url()}` });
      continue;
    }
    if (!(await answered(page)) || (await topNames(page)).length === 0) {
      problems.push({ page: home, what: `searching "${q}" from the home page showed no result` });
    }
  }
  await page.goto(`${base}search/index.html?q=qzxv`);
  await answered(page);
  if (!(await page.locator('#search-none').isVisible())) {
    problems.push({ page: 'search/index.html?q=qzxv', what: 'a query with no result must show the stage and ward links' });
  }
  return problems;
}
