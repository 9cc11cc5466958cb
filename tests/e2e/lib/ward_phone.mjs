// A parent on a 360 px phone, from the home page, reaches her ward office's number for the
// 1歳6か月 (18-month checkup) stage in at most three taps, in Japanese and in English.
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './server.mjs';
import { PHONE } from './crawl.mjs';
import { PREFIX } from './suite.mjs';

const STAGE = 'stages/checkup-18-months/index.html';
const MAX_TAPS = 3;
const TAP_MIN = 44;

/** The shared folder: MADOGUCHI_SHARED, else the first `shared/` above the repository. */
function sharedDir(repo) {
  if (process.env.MADOGUCHI_SHARED) return process.env.MADOGUCHI_SHARED;
  for (let d = path.dirname(repo); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'shared', 'facts'))) return path.join(d, 'shared');
    if (path.dirname(d) === d) return null;
  }
}

/** Each ward office's phone from the official contact facts: { ward: '096-…' }. */
export function wardPhones(repo) {
  const dir = sharedDir(repo);
  if (!dir) throw new Error('shared/facts not found: set MADOGUCHI_SHARED');
  const text = fs.readFileSync(path.join(dir, 'facts', 'kumamoto-official-contacts.yaml'), 'utf8');
  const phones = {};
  const entry = /- name: \S+保健こども課\n\s+ward: (\w+)\n(?:\s+\w+: .*\n)*?\s+phone: ([\d-]+)/g;
  for (const m of text.matchAll(entry)) phones[m[1]] = m[2];
  return phones;
}

/** Taps the first visible link whose href ends with `suffix`; returns false if none. */
async function tapLink(page, suffix) {
  const link = page.locator(`a[href$="${suffix}"]:visible`).first();
  if (!(await link.count())) return false;
  const before = page.url();
  await link.tap();
  await page.waitForURL((u) => u.href !== before);
  await page.waitForLoadState('load');
  return true;
}

/** Problems found on the way, one per language and ward. */
export async function threeTaps(browser, dir, phones) {
  const server = await serve(dir, PREFIX, 0);
  const context = await browser.newContext({ viewport: PHONE, deviceScaleFactor: 1, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const problems = [];
  try {
    for (const lang of ['', 'en/']) {
      for (const [ward, number] of Object.entries(phones)) {
        const tel = `tel:+81-${number.slice(1)}`;
        const what = (w) => problems.push({ page: `${lang}${ward}`, what: w });
        await page.goto(`${server.url}${lang}index.html`);
        let taps = 0;
        if (!(await tapLink(page, STAGE))) { what('no link to the 18-month stage on the home page'); continue; }
        taps++;
        let link = page.locator(`a[href="${tel}"]:visible`).first();
        if (!(await link.count())) {
          if (!(await tapLink(page, `wards/${ward}/index.html`))) { what(`no ${ward} ward link on the stage page`); continue; }
          taps++;
          link = page.locator(`a[href="${tel}"]:visible`).first();
        }
        if (!(await link.count())) { what(`${number} is not on ${page.url()}`); continue; }
        const box = await link.boundingBox();
        if (box.height < TAP_MIN || box.width < TAP_MIN) what(`the ${number} link is ${box.width}×${box.height} px, under ${TAP_MIN} px`);
        if ((await link.textContent()).trim() !== number) what(`the link to ${tel} reads "${await link.textContent()}"`);
        // Tapping the number is the last tap; the browser hands tel: to the phone app.
        taps++;
        if (taps > MAX_TAPS) what(`${taps} taps`);
      }
    }
  } finally {
    await context.close();
    await server.close();
  }
  return problems;
}
