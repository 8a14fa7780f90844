// browser.mjs - shared set-up for the browser tests: Debian's Chromium driven by playwright-core,
// a page that records console errors and uncaught exceptions, screenshots into out/.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const OUT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');

export const LAUNCH_OPTIONS = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: [
    '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ],
};

export function launch() {
  return chromium.launch(LAUNCH_OPTIONS);
}

export const DESKTOP = { width: 1366, height: 768 };
export const PHONE = { width: 375, height: 740 };

// A new page whose console errors and page errors are collected in page.problems.
export async function openPage(browser, baseUrl, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, baseURL: baseUrl, locale: 'zh-CN' });
  const page = await context.newPage();
  page.problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.problems.push(`console: ${msg.text()} [${msg.location()?.url || ''}]`);
  });
  page.on('pageerror', (err) => page.problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => {
    const why = req.failure()?.errorText || '';
    // Requests cut short by a navigation (net::ERR_ABORTED) are not failures of the page.
    if (!why.includes('ERR_ABORTED')) page.problems.push(`requestfailed: ${req.url()} ${why}`);
  });
  return page;
}

export async function screenshot(page, name) {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// Width the page body scrolls to; more than the viewport means horizontal scrolling.
export function scrollWidth(page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

// Sign in through the login page (/login.html?next=...) and wait for the page `next` to load.
export async function signIn(page, account, next = '/') {
  await page.goto(`/login.html?next=${encodeURIComponent(next)}`);
  await page.locator('#login-name').fill(account.name);
  await page.locator('#login-password').fill(account.password);
  await Promise.all([
    page.waitForURL((u) => u.pathname + u.search === next),
    page.locator('#login-submit').click(),
  ]);
}
