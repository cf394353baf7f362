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
const READER = 'reader-token-456';
const server = await startMockServer({ token: TOKEN, readerToken: READER });
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
  await page.waitForSelector('ul.story-techniques li');
  check(
    (await page.textContent('ul.story-techniques li')) === 'T1566 Phishing Initial Access · 1 source',
    'story techniques summary with ATT&CK id and tactic',
  );

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
  check((await page.locator('.rel-group h3').allTextContents()).some((t) => t.startsWith('← attributed-to')), 'incoming relations marked ←');
  // ATT&CK heat map: 14 tactic columns, sub-techniques rolled up, negated ones left out.
  await page.waitForSelector('.attack-matrix a.heat-cell');
  check((await page.locator('.attack-matrix .tactic').count()) === 14, 'heat map has the 14 enterprise tactics');
  const tactics = await page.$$eval('.attack-matrix .tactic', (els) => els.map((e) => e.dataset.tactic));
  check(tactics[0] === 'reconnaissance' && tactics[2] === 'initial-access' && tactics[13] === 'impact', 'tactics in ATT&CK order');
  const phishing = page.locator('[data-tactic=initial-access] a.heat-cell[data-technique=T1566]');
  check((await phishing.getAttribute('data-articles')) === '13', 'T1566 rolls up its sub-techniques (9 + 3 + 1)');
  check(
    (await phishing.getAttribute('aria-label')) === 'T1566 Phishing: 13 articles (4 via sub-techniques T1566.001, T1566.002)',
    'heat cell has an accessible label with id and count',
  );
  check((await phishing.getAttribute('class')).includes('heat-4'), 'heat cell shaded by its bucket');
  check((await page.locator('[data-tactic=initial-access] a.heat-sub').count()) === 2, 'sub-techniques shown inside their technique');
  check((await page.locator('a[data-technique=T1078]').count()) === 4, 'a technique in four tactics appears in each');
  check((await page.locator('[data-tactic=execution] a.heat-cell[data-technique=T1059]').count()) === 1, 'a technique reported only through a sub-technique gets a cell');
  check((await page.locator('a[data-technique=T1486]').count()) === 0, 'negated technique left out of the heat map');
  check((await page.locator('.heat-legend .heat-swatch').count()) === 5, 'heat map legend');
  check((await page.locator('.unplaced').textContent()).includes('<img src=x onerror=alert(7)>'), 'unknown technique listed as text');
  await phishing.focus();
  await page.keyboard.press('ArrowDown');
  check((await page.evaluate(() => document.activeElement?.dataset.technique)) === 'T1566.001', 'ArrowDown moves to the next cell');
  await page.keyboard.press('ArrowRight');
  check((await page.evaluate(() => document.activeElement?.closest('.tactic')?.dataset.tactic)) === 'execution', 'ArrowRight moves to the next tactic');
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
  // The page shows "loading" while it fetches the list again: wait for the
  // new table, not only for the row to go.
  await page.waitForFunction(
    () =>
      !document.querySelector('tr[data-url="https://added.example.org/rss"]') &&
      document.querySelectorAll('table.feeds tbody tr').length > 0,
  );
  check((await page.locator('table.feeds tbody tr').count()) === 3, 'feed removed');
  await page.screenshot({ path: join(shots, 'feeds.png'), fullPage: true });

  // 8. Watchlists and alerts. A reader token cannot create one; the page says why.
  await page.goto(server.url + '/#/settings');
  await page.fill('#token', READER);
  await page.click('form button[type=submit]');
  await page.click('nav a[data-nav=watchlists]');
  await page.waitForSelector('li.watchlist');
  check((await page.locator('li.watchlist .name').first().textContent()) === 'APT28 and <b>friends</b>', 'watchlist name with markup shown as text');
  await page.fill('#w-name', 'Ports');
  await page.fill('#w-keywords', 'port authority');
  await page.click('.watch-form button[type=submit]');
  await page.waitForSelector('.form-status .error');
  check(/reader tokens cannot/.test(await page.textContent('.form-status .error')), 'a 403 for a reader token is explained');
  check((await page.locator('li.watchlist').count()) === 1, 'nothing created by the reader');

  await page.goto(server.url + '/#/settings');
  await page.fill('#token', TOKEN);
  await page.click('form button[type=submit]');
  await page.click('nav a[data-nav=watchlists]');
  await page.waitForSelector('li.watchlist');
  await page.fill('#w-name', 'Ports');
  await page.fill('#w-cves', 'CVE-2023-1');
  await page.click('.watch-form button[type=submit]');
  check((await page.getAttribute('#w-cves', 'aria-invalid')) === 'true', 'a malformed CVE is flagged before sending');
  check((await page.evaluate(() => document.activeElement?.id)) === 'w-cves', 'focus moves to the field to fix');
  const posted = server.log.filter((r) => r.method === 'POST' && r.path === '/watchlists').length;
  await page.fill('#w-cves', 'cve-2024-3400');
  await page.fill('#w-actors', 'Kimsuky, APT43');
  await page.fill('#w-domains', 'ports[.]example.org');
  await page.fill('#w-webhook', 'https://hooks.example.org/ports');
  await page.click('.watch-form button[type=submit]');
  await page.waitForSelector('li.watchlist:nth-child(2)');
  check(server.log.filter((r) => r.method === 'POST' && r.path === '/watchlists').length === posted + 1, 'the writer creates the watchlist');
  const created = page.locator('li.watchlist').nth(1);
  check(
    (await created.locator('dl.watch-query').textContent()) === 'ActorsKimsuky, APT43CVEsCVE-2024-3400Your domainsports.example.org',
    'the created watchlist shows its parsed query',
  );
  await created.locator('button.test').click();
  await created.locator('.preview li.hit').first().waitFor();
  check((await created.locator('.preview li.hit').count()) === 2, 'test shows the stored articles that would match');
  await page.screenshot({ path: join(shots, 'watchlists.png'), fullPage: true });
  await created.locator('button.danger').click();
  await page.waitForFunction(() => document.querySelectorAll('li.watchlist').length === 1);
  check(server.log.some((r) => r.method === 'DELETE' && /^\/watchlists\/\d+$/.test(r.path)), 'delete after confirmation');

  // Alerts: the badge counts unread ones; the list shows matches and delivery.
  await page.goto(server.url + '/#/');
  await page.waitForSelector('nav .nav-count:not([hidden])');
  check((await page.textContent('nav .nav-count')) === '3', 'badge counts 3 unread alerts');
  check((await page.getAttribute('nav a[data-nav=alerts]', 'aria-label')) === 'Alerts, 3 unread', 'badge is announced');
  await page.click('nav a[data-nav=alerts]');
  await page.waitForSelector('li.alert');
  check((await page.locator('li.alert').count()) === 3, 'alerts listed');
  check((await page.locator('li.alert.unread').count()) === 3, 'alerts new since the last visit marked');
  check(await page.locator('nav .nav-count').isHidden(), 'opening the alerts clears the badge');
  check((await page.evaluate(() => localStorage.getItem('osprey.alerts.seen'))) === '103', 'last seen alert remembered');
  check((await page.locator('li.alert[data-id="103"] .badge.delivery-failed').textContent()) === 'webhook failed after 5 attempts', 'failed delivery shown');
  check((await page.locator('li.alert[data-id="102"] .badge.delivery-pending').count()) === 1, 'pending delivery shown');
  check((await page.locator('li.alert[data-id="102"] .alert-title').textContent()) === '<script>alert(3)</script> Sandworm again', 'alert title with markup stays text');
  check((await page.locator('li.alert[data-id="102"] .unsafe-link').count()) === 1, 'javascript: article URL shown inert');
  check((await page.locator('li.alert[data-id="102"] .matched li').allTextContents()).join('|') === 'actors: Sandworm|cves: CVE-2023-23397', 'matched fields listed');
  check((await page.locator('li.alert[data-id="103"] a[href="#/story/s1"]').count()) === 1, 'alert links to its story');
  await page.focus('body');
  await page.keyboard.press('j');
  check((await page.evaluate(() => document.activeElement?.getAttribute('href'))) === '#/article/a3', 'j focuses the newest alert');
  await page.screenshot({ path: join(shots, 'alerts.png'), fullPage: true });
  server.addAlert(1);
  await page.goto(server.url + '/?reload#/'); // a new document: the badge asks at start
  await page.waitForSelector('nav .nav-count:not([hidden])');
  check((await page.textContent('nav .nav-count')) === '1', 'a new alert shows in the badge');
  await page.goto(server.url + '/#/alerts?watchlist=1');
  await page.waitForSelector('li.alert');
  check(/watchlist=1/.test(server.log.filter((r) => r.path === '/alerts').pop().query), 'alerts filtered by watchlist');
  check((await page.locator('li.alert.unread').count()) === 1, 'only the new alert is unread');

  // 9. Phone-sized screen: nothing wider than the viewport.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await phone.addInitScript((t) => localStorage.setItem('osprey.token', t), TOKEN);
  const p2 = await phone.newPage();
  watch(p2);
  for (const [name, hash, sel] of [
    ['phone-feed', '#/', 'li.story'],
    ['phone-story', '#/story/s1', 'li.member'],
    ['phone-entity', '#/entity/APT28', 'svg.timeline'],
    ['phone-feeds', '#/feeds', 'table.feeds tbody tr'],
    ['phone-heatmap', '#/entity/APT28', '.attack-matrix a.heat-cell'],
    ['phone-watchlists', '#/watchlists', 'li.watchlist'],
    ['phone-alerts', '#/alerts', 'li.alert'],
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
