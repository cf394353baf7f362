// Digest rendering test: ingests the bundled samples/ into a temporary store
// with the real osprey binary, writes the HTML digest, opens it in Debian's
// chromium (playwright-core) at a phone's width and at a desktop's, fails on
// any console error, page error, blocked resource or request, checks that the
// chart and the story sections are there and visible and that the page fits
// the phone's width, and writes PNG screenshots to web/test/screenshots/.
// Prints SKIPPED and exits 0 when /usr/bin/chromium is absent.
//
//   OSPREY_BIN=path/to/osprey node test/digest-render.mjs
import { accessSync, constants, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const repo = fileURLToPath(new URL('../..', import.meta.url));

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
if (!executable(CHROMIUM)) {
  console.log(`SKIPPED: digest rendering: ${CHROMIUM} not found or not executable (apt-get install -y chromium)`);
  process.exit(0);
}
// The build puts the binary at build/release/osprey (src/cli's target output).
const candidates = [process.env.OSPREY_BIN, join(repo, 'build/release/osprey'), join(repo, 'build/release/src/cli/osprey')];
const osprey = candidates.map((p) => p && resolve(p)).find((p) => p && executable(p));
if (!osprey) {
  console.log(`FAIL no osprey binary (tried ${candidates.filter(Boolean).join(', ')}): build it first or set OSPREY_BIN`);
  process.exit(1);
}

let failures = 0;
function check(cond, what) {
  if (cond) console.log(`ok   ${what}`);
  else {
    failures++;
    console.log(`FAIL ${what}`);
  }
}

// The digest of the samples, from a store of its own (and a pattern cache of
// its own: the user's is never touched).
const work = mkdtempSync(join(tmpdir(), 'osprey-digest-'));
const env = { ...process.env, OSPREY_CACHE_DIR: join(work, 'cache') };
const db = join(work, 'osprey.db');
const html = join(work, 'digest.html');
const run = (args) => execFileSync(osprey, args, { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
run(['ingest', '--db', db, join(repo, 'samples')]);
run(['digest', '--db', db, '--since', '3650d', '--format', 'html', '-o', html]);
const source = readFileSync(html, 'utf8');
check(source.startsWith('<!DOCTYPE html>'), 'osprey digest --format html wrote a page');
check(!/<script/i.test(source) && !/<[^>]*\son[a-z]+\s*=/i.test(source), 'the page has no script and no inline event handler');

// A PNG's size from its header, and whether its pixels vary (not a blank page):
// the inflated scanlines of a blank page hold only a handful of byte values.
function pngFacts(buffer) {
  const signature = buffer.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  const width = buffer.readUInt32BE(16);
  const height = buffer.readUInt32BE(20);
  const idat = [];
  for (let at = 8; at < buffer.length; ) {
    const length = buffer.readUInt32BE(at);
    if (buffer.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(buffer.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const pixels = inflateSync(Buffer.concat(idat));
  return { signature, width, height, distinct: new Set(pixels).size };
}

const shots = join(repo, 'web', 'test', 'screenshots');
mkdirSync(shots, { recursive: true });
const { chromium } = await import('playwright-core');
const browser = await chromium
  .launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  .catch((e) => {
    console.log(`FAIL could not start ${CHROMIUM}: ${e.message.split('\n')[0]}`);
    process.exit(1);
  });

try {
  for (const [name, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1280, height: 900 }]]) {
    const page = await browser.newPage({ viewport });
    const problems = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('request', (r) => {
      if (r.url() !== pathToFileURL(html).href) problems.push(`request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    // Control: the watcher does see a console error.
    await page.evaluate(() => console.error('probe'));
    check(problems.length === 1 && problems[0] === 'console error: probe', `${name}: the console watcher catches errors`);
    problems.length = 0;
    await page.reload({ waitUntil: 'load' });

    check(await page.locator('svg.volume').isVisible(), `${name}: the story-volume chart is visible`);
    const bars = await page.locator('svg.volume rect.bar').count();
    check(bars >= 1, `${name}: the chart has ${bars} bar(s)`);
    const sections = page.locator('section.story');
    const stories = await sections.count();
    check(stories >= 1, `${name}: ${stories} story section(s)`);
    check(await sections.first().locator('h2').isVisible(), `${name}: the first story's title is visible`);
    check((await page.locator('section.story table.facts').count()) === stories, `${name}: a table of facts per story`);
    check((await page.locator('section.story p.summary').count()) >= 1, `${name}: stories carry a summary`);
    check((await page.locator('a[href^="javascript:" i]').count()) === 0, `${name}: no javascript: link`);
    // The style block ran (the CSP hash matches): the body's width is capped.
    check((await page.evaluate(() => getComputedStyle(document.body).maxWidth)) === '768px', `${name}: the style sheet applies under the page's CSP`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `${name}: nothing wider than the screen (overflow ${overflow}px)`);
    check(problems.length === 0, `${name}: no console error, page error or request${problems.length ? ': ' + problems.join(' | ') : ''}`);

    const path = join(shots, `digest-${name}.png`);
    await page.screenshot({ path, fullPage: true });
    const png = pngFacts(readFileSync(path));
    check(png.signature && png.width === viewport.width && png.height >= 300, `${name}: ${path} is a ${png.width}x${png.height} PNG`);
    check(statSync(path).size > 10000 && png.distinct > 32, `${name}: the PNG shows content (${statSync(path).size} bytes, ${png.distinct} distinct pixel bytes)`);
    await page.close();
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}

console.log(failures ? `${failures} digest rendering check(s) failed` : 'digest rendering: all checks passed');
process.exit(failures ? 1 : 0);
