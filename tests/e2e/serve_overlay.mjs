// `madoguchi serve` in a real browser: an open page reloads itself after an edit, a broken
// edit shows file:line and the message in an overlay while the last good page stays, and
// fixing it clears the overlay. Usage: node tests/e2e/serve_overlay.mjs
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { miniRoot, REPO } from './lib/site.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
execFileSync('cargo', ['build', '--release', '--quiet'], { cwd: REPO, stdio: 'inherit' });
const root = miniRoot();
const server = spawn(path.join(REPO, 'target/release/madoguchi'), ['serve', '--port', '0', '--root', root], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const base = await new Promise((resolve, reject) => {
  server.stdout.once('data', (d) => resolve(String(d).match(/http:\/\/[^/\s]+\//)[0]));
  server.once('exit', () => reject(new Error('serve exited')));
});

const record = path.join(root, 'content/agencies/center.yaml');
const good = fs.readFileSync(record, 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--headless'] });
let failed = false;
const step = async (name, fn) => {
  try {
    await fn();
    console.log(`ok   ${name}`);
  } catch (e) {
    failed = true;
    console.log(`FAIL ${name}: ${e.message}`);
  }
};
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${base}agencies/center/index.html`);
  const h1 = () => page.locator('h1').first().innerText();

  await step('an edit reloads the open page', async () => {
    fs.writeFileSync(record, good.replace('こども発達支援センター', 'こども発達相談センター'));
    await page.waitForFunction(() => document.querySelector('h1')?.textContent.includes('相談センター'), null, { timeout: 10000 });
  });
  await step('a broken edit shows file:line and the message in an overlay; the last good page stays', async () => {
    fs.writeFileSync(record, good.replace('tier: tertiary', 'tier: tertary'));
    const box = page.locator('#madoguchi-error');
    await box.waitFor({ timeout: 10000 });
    const text = await box.innerText();
    if (!text.includes('content/agencies/center.yaml:3:7') || !text.includes('unknown tier `tertary`')) throw new Error(text);
    if (!(await h1()).includes('相談センター')) throw new Error(`page changed: ${await h1()}`);
  });
  await step('fixing the edit clears the overlay', async () => {
    fs.writeFileSync(record, good);
    await page.waitForFunction(() => !document.getElementById('madoguchi-error') && document.querySelector('h1')?.textContent.includes('支援センター'), null, { timeout: 10000 });
  });
  await step('no script errors', async () => {
    if (errors.length) throw new Error(errors.join('\n'));
  });
} finally {
  await browser.close();
  server.kill();
  fs.rmSync(path.dirname(root), { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
