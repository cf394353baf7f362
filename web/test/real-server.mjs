// Browser test against the real `osprey serve`: builds web/dist, fills a
// store from the bundled samples and test/fixtures/real/ with the real
// binary, starts the server on it and drives Debian's chromium through the
// analyst's paths: a story to an actor's page and its ATT&CK heat map, an
// indicator's sightings, hostile article text shown inert, and a watchlist
// whose alert appears once a matching article is ingested.
//
//   OSPREY_BIN   the osprey binary (default: build/release/osprey of the repository)
//   CHROMIUM     the browser (default: /usr/bin/chromium; SKIPPED when absent)
//
// Fails on any console error, page error, dialog or CSP violation.
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const webDir = fileURLToPath(new URL('..', import.meta.url));
const repo = join(webDir, '..');
const OSPREY = process.env.OSPREY_BIN ?? join(repo, 'build', 'release', 'osprey');
const FIXTURES = join(webDir, 'test', 'fixtures', 'real');

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
if (!executable(CHROMIUM)) {
  console.log(`SKIPPED: ${CHROMIUM} not found or not executable (apt-get install -y chromium)`);
  process.exit(0);
}
if (!executable(OSPREY)) {
  console.log(`FAIL no osprey binary at ${OSPREY} (build it, or set OSPREY_BIN)`);
  process.exit(1);
}

const { chromium } = await import('playwright-core');
const { build } = await import('vite');
const shots = join(webDir, 'test', 'screenshots');
mkdirSync(shots, { recursive: true });
await build({ root: webDir, logLevel: 'warn' });

// ---- the store and the server ------------------------------------------------

const work = mkdtempSync(join(tmpdir(), 'osprey-real-ui-'));
const db = join(work, 'osprey.db');
const osprey = (...args) => execFileSync(OSPREY, [...args, '--db', db], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

osprey('ingest', join(repo, 'samples'));
osprey('ingest', join(FIXTURES, 'kimsuky-think-tanks.txt'), join(FIXTURES, 'hostile-markup.txt'));
const TOKEN = osprey('token', 'create', '--role', 'admin', '--name', 'browser test').trim().split('\n').pop().trim();

const serve = spawn(OSPREY, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--no-poll', '--web', join(webDir, 'dist')], {
  stdio: ['ignore', 'pipe', 'pipe'],
});
let serverLog = '';
const base = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`osprey serve did not start:\n${serverLog}`)), 20000);
  const read = (chunk) => {
    serverLog += chunk;
    const m = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(serverLog);
    if (m) {
      clearTimeout(timer);
      resolve(m[1]);
    }
  };
  serve.stdout.on('data', read);
  serve.stderr.on('data', read);
  serve.on('exit', (code) => reject(new Error(`osprey serve exited (${code}):\n${serverLog}`)));
});
for (let i = 0; i < 100; i++) {
  const ok = await fetch(`${base}/api/v1/health`).then((r) => r.ok).catch(() => false);
  if (ok) break;
  await new Promise((r) => setTimeout(r, 100));
}

async function apiGet(path) {
  const r = await fetch(`${base}/api/v1${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  if (!r.ok) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
  return r.json();
}

// ---- the browser -----------------------------------------------------------------

let failures = 0;
let passes = 0;
function check(cond, what) {
  if (cond) {
    passes++;
    console.log(`ok   ${what}`);
  } else {
    failures++;
    console.log(`FAIL ${what}`);
  }
}

const dialogs = [];
const pageErrors = [];
const consoleErrors = [];
let tokenSaved = false;
// Network refusals the test provokes show in the console too; only those are
// forgiven: 401s before the token is saved.
function expected(message) {
  const text = message.text();
  if (!/Failed to load resource/.test(text)) return false;
  return !tokenSaved && /status of 401/.test(text);
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function waitFor(what, probe, seconds) {
  for (let i = 0; i < seconds * 2; i++) {
    if (await probe()) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  console.log(`     (gave up waiting for ${what} after ${seconds}s)`);
  return false;
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  page.on('dialog', async (d) => {
    if (d.type() === 'confirm') return d.accept();
    dialogs.push(`${d.type()}: ${d.message()}`);
    return d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !expected(m)) consoleErrors.push(`${m.text()} ${m.location()?.url ?? ''}`);
  });

  // 1. The token goes in through the settings page.
  await page.goto(`${base}/#/settings`);
  await page.fill('#token', TOKEN);
  await page.click('form button[type=submit]');
  tokenSaved = true;
  check((await page.evaluate(() => localStorage.getItem('osprey.token'))) === TOKEN, 'admin token saved in settings');
  check((await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]') !== null)), 'the built page carries its CSP');

  // 2. The story feed → the Kimsuky story → Kimsuky's page with its heat map.
  await page.click('nav a[data-nav=feed]');
  await page.waitForSelector('li.story');
  check((await page.locator('li.story').count()) >= 2, 'the feed lists the stories just ingested');
  await page.screenshot({ path: join(shots, 'real-feed.png'), fullPage: true });
  await page.click('li.story a.story-title:has-text("Kimsuky targets think tanks")');
  await page.waitForSelector('li.member');
  check((await page.textContent('h1')).includes('Kimsuky'), 'story page of the Kimsuky report');
  await page.waitForSelector('ul.story-techniques li');
  check((await page.locator('ul.story-techniques').textContent()).includes('T1566.001 Spearphishing Attachment'), 'story lists its ATT&CK techniques');
  await page.click('dl.entities a.entity:text-is("Kimsuky")');
  await page.waitForSelector('svg.timeline, .page-entity p.muted');
  check((await page.textContent('h1')).startsWith('Kimsuky'), "the actor's page");
  await page.waitForSelector('.attack-matrix a.heat-cell');
  check((await page.locator('.attack-matrix .tactic').count()) === 14, 'heat map draws the 14 enterprise tactics');
  const phishing = page.locator('[data-tactic=initial-access] a.heat-cell[data-technique=T1566]');
  check((await phishing.count()) === 1, 'T1566.001 rolls up into T1566 under initial access');
  check((await page.locator('a.heat-sub[data-technique="T1566.001"]').count()) === 1, 'the sub-technique T1566.001 shows inside it');
  check(/^T1566 Phishing: \d+ articles? /.test((await phishing.getAttribute('aria-label')) ?? ''), 'heat cell labelled with id and count');
  await page.screenshot({ path: join(shots, 'real-entity.png'), fullPage: true });

  // 3. An indicator from the samples and its sightings.
  await page.click('nav a[data-nav=search]');
  await page.fill('#ioc-q', '203.0.113.61');
  await page.press('#ioc-q', 'Enter');
  await page.waitForSelector('ol.hits li.hit');
  check((await page.locator('ol.hits li.hit').count()) >= 1, 'the indicator 203.0.113.61 has sightings');
  check((await page.textContent('ol.hits li.hit')).includes('SILT HARRIER'), 'seen in the APT report sample');
  await page.screenshot({ path: join(shots, 'real-indicator.png'), fullPage: true });

  // 4. Hostile markup in an article's text is shown, never run.
  const hostile = (await apiGet('/search?q=Zanzibarquokka'))[0];
  check(hostile !== undefined, 'the hostile article is stored');
  await page.goto(`${base}/#/article/${hostile.id}`);
  await page.waitForSelector('.article-text');
  const text = await page.textContent('.article-text');
  check(text.includes("<script>window.__ospreyPwned = 1; alert('pwned by script');</script>"), 'the <script> element is shown as text');
  check(text.includes('href="javascript:'), 'the javascript: link is shown as text');
  check((await page.evaluate(() => window.__ospreyPwned)) === undefined, 'no script from the article ran');
  check((await page.locator('a[href^="javascript:" i], iframe, #main script, #main img').count()) === 0, 'no javascript: link, frame, script or image made from the text');
  await page.screenshot({ path: join(shots, 'real-hostile.png'), fullPage: true });

  // 5. A watchlist, then an article that matches it, then its alert.
  await page.click('nav a[data-nav=watchlists]');
  await page.waitForSelector('.watch-form');
  await page.fill('#w-name', 'Kimsuky watch');
  await page.fill('#w-actors', 'Kimsuky');
  await page.fill('#w-keywords', 'defence researchers');
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/watchlists') && r.request().method() === 'POST');
  await page.click('.watch-form button[type=submit]');
  const status = (await created).status();
  check(status === 201, `the watchlist is created (${status})`);
  {
    await page.waitForSelector('li.watchlist .name:text-is("Kimsuky watch")');
    const item = page.locator('li.watchlist', { has: page.locator('.name:text-is("Kimsuky watch")') });
    await item.locator('button.test').click();
    await item.locator('.preview p.small').waitFor();  // the result, not the loading line
    check((await item.locator('.preview li.hit').allTextContents()).some((t) => t.includes('Kimsuky targets think tanks')), 'test preview lists the stored Kimsuky report');
    await page.screenshot({ path: join(shots, 'real-watchlists.png'), fullPage: true });

    osprey('ingest', join(FIXTURES, 'kimsuky-followup.txt'));
    const badge = await waitFor('the unread badge', async () => {
      await page.goto(`${base}/?${Date.now()}#/`);
      await page.waitForSelector('li.story, #main .error');
      return page.locator('nav .nav-count:not([hidden])').isVisible();
    }, 60);
    check(badge, 'the navigation shows an unread alert');
    await page.click('nav a[data-nav=alerts]');
    await page.waitForSelector('li.alert, #main .error');
    const alert = page.locator('li.alert', { hasText: 'Kimsuky returns with a new lure' });
    check((await alert.count()) === 1, 'the alert for the new article is listed');
    check((await alert.locator('.matched li').allTextContents()).some((t) => /Kimsuky/i.test(t)), 'the alert shows what matched');
    check((await page.locator('nav .nav-count').isHidden()), 'reading the alerts clears the badge');
    await page.screenshot({ path: join(shots, 'real-alerts.png'), fullPage: true });
  }

  check(dialogs.length === 0, `no dialog opened (${dialogs.join('; ')})`);
  check(pageErrors.length === 0, `no page errors (${pageErrors.join('; ')})`);
  check(consoleErrors.length === 0, `no console errors (${consoleErrors.join('; ')})`);
} catch (e) {
  failures++;
  console.log(`FAIL ${e?.stack ?? e}`);
  for (const m of [...pageErrors, ...consoleErrors, ...dialogs]) console.log(`     ${m}`);
} finally {
  await browser.close();
  serve.kill('SIGTERM');
  await new Promise((r) => (serve.exitCode !== null ? r() : serve.on('exit', r)));
  rmSync(work, { recursive: true, force: true });
}

console.log(`${passes} passed, ${failures} failed (real osprey serve: ${OSPREY}); screenshots in test/screenshots/real-*.png`);
process.exit(failures ? 1 : 0);
