// Every printable handout (each checkup stage, whole and for each ward) of every language the
// built site has prints to exactly one A4 page: Chromium's own print path (Page.printToPDF,
// the page's print CSS and its `@page { size: A4 }`), the page count read from the PDF.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { files } from './site.mjs';
import { PAGES_AT_ONCE } from './crawl.mjs';

/** The built site's languages as `{ hreflang, folder }`, from the home page's alternates. */
export function siteLanguages(dir) {
  const home = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  return [...home.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)]
    .filter((m) => m[1] !== 'x-default')
    .map((m) => ({ hreflang: m[1], folder: m[2].replace(/index\.html$/, '') }));
}

/** The number of pages of a PDF made by Chromium (its page tree's `/Count`). */
export function pdfPages(pdf) {
  const text = pdf.toString('latin1');
  const tree = /\/Type\s*\/Pages\b[^]*?\/Count\s+(\d+)/.exec(text);
  return tree ? Number(tree[1]) : (text.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
}

/** Problems: a language without handouts, a handout not printing to one A4 page. */
export async function oneA4Page(browser, dir) {
  const problems = [];
  const langs = siteLanguages(dir);
  const all = files(dir, '.html');
  const handouts = [];
  for (const { hreflang, folder } of langs) {
    const mine = all.filter((rel) => rel.startsWith(`${folder}handouts/`) && rel.endsWith('/index.html'));
    if (mine.length === 0) problems.push({ page: `${folder}handouts/`, what: `no handouts in ${hreflang}` });
    handouts.push(...mine);
  }
  const context = await browser.newContext();
  let next = 0;
  const printer = async () => {
    const page = await context.newPage();
    await page.emulateMedia({ media: 'print' });
    while (next < handouts.length) problems.push(...(await printProblems(page, dir, handouts[next++])));
  };
  try {
    await Promise.all(Array.from({ length: PAGES_AT_ONCE }, printer));
  } finally {
    await context.close();
  }
  return { problems, printed: handouts.length, languages: langs.length };
}

/** Prints the handout `rel` of the site in `dir` in `page`: problems unless one A4 page. */
async function printProblems(page, dir, rel) {
  await page.goto(pathToFileURL(path.join(dir, rel)).href);
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const pages = pdfPages(pdf);
  // A4 from the handout's own print CSS: 595 x 842 pt (±1).
  const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  const a4 = box && Math.abs(box[1] - 595) <= 1 && Math.abs(box[2] - 842) <= 1;
  const problems = [];
  if (pages !== 1) problems.push({ page: rel, what: `prints on ${pages} pages, want 1` });
  if (!a4) problems.push({ page: rel, what: `page is ${box ? `${box[1]} x ${box[2]} pt` : 'of unknown size'}, not A4` });
  return problems;
}
