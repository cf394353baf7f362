// Browser test: builds web/dist, starts the mock API, and drives Debian's
// chromium through the analyst's main paths with playwright-core.
// Prints SKIPPED and exits 0 when /usr/bin/chromium is absent.
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
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

const { chromium } = await import('playwright-core');
const { build } = await import('vite');
const { startMockServer } = await import('./mock-server.mjs');

const webDir = fileURLToPath(new URL('..', import.meta.url));
const shots = join(webDir, 'test', 'screenshots');
mkdirSync(shots, { recursive: true });

await build({ root: webDir, logLevel: 'warn' });

const TOKEN = 'test-token-123';
const server = await startMockServer({ token: TOKEN });
const browser = await chromium
  .launch({
  executablePath: CHROMIUM,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})
  .catch(async (e) => {
    console.log(`FAIL could not start ${CHROMIUM}: ${e.message.split('\n')[0]}`);
    await server.close();
    process.exit(1);
  });

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

const alerts = [];
const pageErrors = [];
const cspViolations = [];
const outside = [];

function watch(page) {
  page.on('dialog', async (d) => {
    if (d.type() === 'confirm') return d.accept();
    alerts.push(`${d.type()}: ${d.message()}`);
    return d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (/Content.Security.Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) outside.push(r.url());
  });
}

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  watch(page);
  page.setDefaultTimeout(8000);

  // 0. The dialog watcher itself works (control for the "no alert" checks).
  await page.goto(server.url + '/');
  await page.evaluate(() => window.alert('probe'));
  check(alerts.length === 1 && alerts[0] === 'alert: probe', 'dialog watcher catches alert()');
  alerts.length = 0;

  // 1. Without a token the server refuses; the page says how to fix it.
  await page.goto(server.url + '/');
  await page.waitForSelector('#main .error');
  check((await page.textContent('#main .error')).includes('Settings'), 'a 401 points the reader to Settings');

  // 2. Store the token.
  await page.click('nav a[data-nav=settings]');
  await page.fill('#token', TOKEN);
  await page.click('form button[type=submit]');
  check((await page.evaluate(() => localStorage.getItem('osprey.token'))) === TOKEN, 'token saved in localStorage');

  // 3. Story feed: today by default, j/k, load more.
  await page.click('nav a[data-nav=feed]');
  await page.waitForSelector('li.story');
  check((await page.locator('li.story').count()) === 3, 'feed shows 3 stories');
  const storiesReq = server.log.filter((r) => r.path === '/stories').pop();
  check(storiesReq && /since=1d/.test(storiesReq.query), 'feed asks for today (since=1d) by default');
  check(storiesReq && storiesReq.auth === `Bearer ${TOKEN}`, 'requests carry the bearer token');
  check((await page.textContent('li.story:nth-child(1) .badge.sources')).includes('3 sources'), 'sources count shown');
  await page.focus('body');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  check(
    (await page.evaluate(() => document.activeElement?.textContent)) === 'Ransomware gang leaks data of a hospital chain',
    'j j focuses the second story',
  );
  await page.keyboard.press('k');
  check((await page.evaluate(() => document.activeElement?.getAttribute('href'))) === '#/story/s1', 'k goes back up');
  check((await page.locator('li.story b').count()) === 0, 'markup in a story title stays text');
  await page.click('button.more');
  await page.waitForSelector('li.story:nth-child(4)');
  check((await page.locator('li.story').count()) === 4, 'load more appends the next page');
  await page.check('#f-noise');
  await page.waitForFunction(() => location.hash.includes('noise=1'));
  await page.waitForSelector('li.story');
  check(/include_noise=1/.test(server.log.filter((r) => r.path === '/stories').pop().query), 'noise toggle asks for noise');
  await page.screenshot({ path: join(shots, 'feed.png'), fullPage: true });

  // 4. Story page.
  await page.click('li.story a[href="#/story/s1"]');
  await page.waitForSelector('ol.members li.member');
  check((await page.textContent('h1')) === 'APT28 targets European ministries with X-Agent', 'story title');
  check((await page.locator('li.member').count()) === 3, 'story lists its 3 sources');
  check((await page.locator('a[href^="javascript:" i]').count()) === 0, 'no javascript: link on the story page');
  check((await page.locator('li.member[data-article=a2] .unsafe-link').count()) === 1, 'the javascript: source URL is shown as inert text');
  check((await page.locator('li.member .badge.dup').count()) === 1, 'the duplicate member is marked');
  check((await page.locator('.relation.is-negated .badge.neg').count()) === 1, 'negated relation marked');
  check((await page.locator('.relation.is-hedged .badge.hedge').count()) === 1, 'hedged relation marked');
  check((await page.locator('.relation .badge.conf').first().textContent()) === '86%', 'relation confidence shown');
  check((await page.locator('table.observables tr.benign').count()) === 1, 'benign observable marked');

  // Article text with findings highlighted from byte spans (multi-byte French text).
  await page.click('li.member[data-article=a1] summary');
  await page.waitForSelector('li.member[data-article=a1] .article-text');
  const marks = await page.$$eval('li.member[data-article=a1] a.mark', (as) => as.map((a) => [a.textContent, a.dataset.kind]));
  const want = [
    ['APT28', 'entity'],
    ['Fancy Bear', 'entity'],
    ['X-Agent', 'entity'],
    ['203.0.113.7', 'observable'],
    ['update-check.example.net', 'observable'],
    ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'observable'],
    ['CVE-2023-23397', 'observable'],
    ['Sandworm', 'entity'],
  ];
  check(JSON.stringify(marks) === JSON.stringify(want), `byte spans land on the right words (${JSON.stringify(marks)})`);

  // Hostile article: shown as text, nothing runs.
  await page.click('li.member[data-article=a2] summary');
  await page.waitForSelector('li.member[data-article=a2] .article-text');
  const hostile = await page.textContent('li.member[data-article=a2] .article-text');
  check(hostile.includes('<script>alert(1)</script>'), 'script tag in the article is visible as text');
  check(hostile.includes('<a href="javascript:alert(2)">click me</a>'), 'javascript: link in the article is visible as text');
  check((await page.locator('#main script, #main img, #main iframe').count()) === 0, 'no script/img/iframe element made from data');
  check((await page.locator('a[href^="javascript:" i]').count()) === 0, 'no javascript: link after opening the articles');
  await page.screenshot({ path: join(shots, 'story.png'), fullPage: true });

  // 5. Follow the actor to its entity page.
  await page.click('dl.entities a.entity:text-is("APT28")');
  await page.waitForSelector('svg.timeline');
  check((await page.textContent('h1')).startsWith('APT28'), 'entity page for APT28');
  check((await page.locator('svg.timeline rect.bar').count()) === 8, 'timeline draws 8 days with mentions');
  check((await page.locator('.rel-group h3').allTextContents()).some((t) => t.startsWith('uses')), 'relations grouped by predicate');
  check((await page.locator('ul.techniques li').count()) === 2, 'techniques listed');
  check((await page.locator('table.aliases td:text-is("<i>Sofacy</i>")').count()) === 1, 'alias with markup shown as text');
  await page.screenshot({ path: join(shots, 'entity.png'), fullPage: true });

  // 6. Indicator search.
  await page.click('nav a[data-nav=search]');
  await page.fill('#ioc-q', '203.0.113.7');
  await page.press('#ioc-q', 'Enter');
  await page.waitForSelector('ol.hits li.hit');
  check((await page.evaluate(() => location.hash)) === '#/indicator/203.0.113.7', 'indicator route');
  check((await page.locator('ol.hits li.hit').count()) === 2, 'indicator seen in 2 articles');
  await page.screenshot({ path: join(shots, 'indicator.png'), fullPage: true });

  // Text search with the noise toggle.
  await page.click('nav a[data-nav=search]');
  await page.fill('#text-q', 'APT28');
  await page.check('#text-noise');
  await page.press('#text-q', 'Enter');
  await page.waitForSelector('ol.hits li.hit');
  check((await page.locator('ol.hits li.hit').count()) === 3, 'search with noise includes the noise hit');

  // 7. Feeds: health, add, remove.
  await page.click('nav a[data-nav=feeds]');
  await page.waitForSelector('table.feeds tbody tr');
  check((await page.locator('table.feeds tbody tr').count()) === 3, 'three feeds listed');
  check((await page.locator('table.feeds .badge.bad').count()) === 1, 'failing feed flagged');
  await page.fill('#feed-url', 'https://added.example.org/rss');
  await page.fill('#feed-title', 'Added feed');
  await page.click('.feed-form button[type=submit]');
  await page.waitForSelector('tr[data-url="https://added.example.org/rss"]');
  check((await page.locator('table.feeds tbody tr').count()) === 4, 'feed added');
  await page.click('tr[data-url="https://added.example.org/rss"] button.danger');
  await page.waitForFunction(() => !document.querySelector('tr[data-url="https://added.example.org/rss"]'));
  check((await page.locator('table.feeds tbody tr').count()) === 3, 'feed removed');
  await page.screenshot({ path: join(shots, 'feeds.png'), fullPage: true });

  // 8. Phone-sized screen: nothing wider than the viewport.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await phone.addInitScript((t) => localStorage.setItem('osprey.token', t), TOKEN);
  const p2 = await phone.newPage();
  watch(p2);
  for (const [name, hash, sel] of [
    ['phone-feed', '#/', 'li.story'],
    ['phone-story', '#/story/s1', 'li.member'],
    ['phone-entity', '#/entity/APT28', 'svg.timeline'],
    ['phone-feeds', '#/feeds', 'table.feeds tbody tr'],
  ]) {
    await p2.goto(server.url + '/' + hash);
    await p2.waitForSelector(sel);
    const over = await p2.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(over <= 0, `${name}: no horizontal scroll (overflow ${over}px)`);
    await p2.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  }
  await phone.close();

  check(alerts.length === 0, `no alert() ran (${alerts.join('; ')})`);
  check(pageErrors.length === 0, `no page errors (${pageErrors.join('; ')})`);
  check(cspViolations.length === 0, `no CSP violations (${cspViolations.join('; ')})`);
  check(outside.length === 0, `no request left the server's origin (${outside.join(', ')})`);
} catch (e) {
  failures++;
  console.log(`FAIL ${e?.stack ?? e}`);
} finally {
  await browser.close();
  await server.close();
}

console.log(`${passes} passed, ${failures} failed; screenshots in test/screenshots/`);
process.exit(failures ? 1 : 0);
