// Crawls every page reachable from the start pages in one browser page, recording every
// failed response, failed request, console error, page error and CSP violation.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { collectLinks, phoneProblems } from './inpage.mjs';

export const PHONE = { width: 360, height: 740 };
export const MIN = { target: 24, font: 16 };

// Records CSP violations in the page itself; init scripts are exempt from the page's CSP.
const CSP_LISTENER = `
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') +
      (e.sourceFile ? ' at ' + e.sourceFile + ':' + e.lineNumber : ''));
  });
`;

function strip(url) {
  const u = new URL(url);
  u.hash = '';
  return u.href;
}

/**
 * Wires a page so every problem is attributed to the address being visited.
 * Returns { problems(): [...], reset(url) }.
 */
export async function watch(page) {
  let current = '';
  let list = [];
  await page.addInitScript(CSP_LISTENER);
  page.on('response', (r) => {
    if (r.status() >= 400) list.push({ kind: 'http', page: current, what: `${r.status()} ${r.url()}` });
  });
  page.on('requestfailed', (r) => {
    const err = r.failure()?.errorText ?? '';
    // Moving on to the next page aborts what is still loading (often the favicon); a missing
    // file shows up as a 4xx response or ERR_FILE_NOT_FOUND instead.
    if (err === 'net::ERR_ABORTED') return;
    list.push({ kind: 'request', page: current, what: `${err} ${r.url()}` });
  });
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    // A 4xx response is already recorded with its address; Chromium repeats it here.
    if (/^Failed to load resource: the server responded with a status of [45]\d\d/.test(text)) return;
    const kind = /Content Security Policy/i.test(text) ? 'csp' : 'console';
    list.push({ kind, page: current, what: text });
  });
  page.on('pageerror', (e) => list.push({ kind: 'pageerror', page: current, what: String(e) }));
  return {
    reset(url) {
      current = url;
    },
    take() {
      const l = list;
      list = [];
      return l;
    },
  };
}

/**
 * Pages the crawl, axe with the language switches (suite.mjs) and the handout printing keep
 * open at once. Node waits on Chromium for each page (load, layout, in-page scripts,
 * printing), so two keep both of CI's cores busy;
 * `E2E_PAGES=1` goes one page at a time (the same pages and problems, in another order).
 */
export const PAGES_AT_ONCE = Math.max(1, Number(process.env.E2E_PAGES ?? 2) || 1);

/**
 * Visits every page under `base` reachable from `starts`. `isPage(url)` tells pages (opened in
 * the browser) from assets (checked for existence). Returns pages visited, by URL, with what
 * the page said about itself, plus every problem.
 */
export async function crawl(context, { base, starts, phone = true }) {
  const from = new Map(starts.map((s) => [strip(s), '(start)']));
  const queue = [...from.keys()];
  const pages = new Map();
  const problems = [];
  const assets = new Set();
  const fileMode = base.startsWith('file:');
  const visitor = { base, phone, fileMode, from, queue, pages, problems };

  // Workers take the next address from the shared queue; one that finds it empty waits while
  // another is still on a page, since that page may add links. Done when all are idle.
  let next = 0;
  let busy = 0;
  const worker = async () => {
    const page = await context.newPage();
    const w = await watch(page);
    try {
      for (;;) {
        if (next >= queue.length) {
          if (busy === 0) return;
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        const url = queue[next++];
        if (!/\.html$|\/$/.test(new URL(url).pathname)) {
          assets.add(url);
          continue;
        }
        busy += 1;
        try {
          await visit(page, w, url, visitor);
        } finally {
          busy -= 1;
        }
      }
    } finally {
      await page.close();
    }
  };
  await Promise.all(Array.from({ length: PAGES_AT_ONCE }, worker));

  for (const a of assets) {
    let ok;
    if (fileMode) ok = fs.existsSync(fileURLToPath(a));
    else ok = (await context.request.get(a)).status() < 400;
    if (!ok) problems.push({ kind: 'link', page: from.get(a), what: `missing ${a}` });
  }
  return { pages, problems, from };
}

/** Opens the page `url` in `page` (watched by `w`), records its problems and queues its links. */
async function visit(page, w, url, { base, phone, fileMode, from, queue, pages, problems }) {
  // Chromium's error page for a missing file would interrupt the next navigation.
  if (fileMode && !fs.existsSync(fileURLToPath(url))) {
    problems.push({ kind: 'link', page: from.get(url), what: `broken link to ${url} (no such file)` });
    return;
  }
  w.reset(url);
  let status = 0;
  try {
    const res = await page.goto(url, { waitUntil: 'load' });
    status = res ? res.status() : 0;
  } catch (e) {
    problems.push({ kind: 'link', page: from.get(url), what: `${url}: ${e.message.split('\n')[0]}` });
    w.take();
    return;
  }
  const seen = w.take();
  if (status >= 400) {
    problems.push({ kind: 'link', page: from.get(url), what: `broken link to ${url} (${status})` });
    return;
  }
  problems.push(...seen);
  const info = await page.evaluate(collectLinks);
  const csp = await page.evaluate(() => window.__cspViolations || []);
  for (const c of csp) problems.push({ kind: 'csp', page: url, what: c });
  for (const t of info.missingTargets) problems.push({ kind: 'link', page: url, what: `no element for fragment ${t}` });
  if (phone) {
    for (const p of await page.evaluate(phoneProblems, MIN)) problems.push({ kind: 'phone', page: url, what: p });
  }
  pages.set(url, info);
  for (const l of info.links) {
    const target = strip(l.href);
    if (!target.startsWith(base) || from.has(target)) continue;
    from.set(target, url);
    queue.push(target);
  }
}
