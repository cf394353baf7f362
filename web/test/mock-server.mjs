// A tiny stand-in for `osprey serve`: web/dist at / and JSON fixtures at
// /api/v1. Start alone with `npm run mock` (PORT, MOCK_TOKEN optional) or
// import startMockServer() from a test.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const FIXTURES = join(here, 'fixtures');
const DIST = join(here, '..', 'dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

async function fixture(name) {
  // Names come from the URL: keep them to a safe alphabet.
  if (!/^[A-Za-z0-9._-]+$/.test(name) || name.includes('..')) return null;
  try {
    return JSON.parse(await readFile(join(FIXTURES, `${name}.json`), 'utf8'));
  } catch {
    return null;
  }
}

function send(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const c of req) {
    size += c.length;
    if (size > 65536) throw new Error('body too large');
    chunks.push(c);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startMockServer({ port = 0, token = '' } = {}) {
  const feeds = (await fixture('feeds')) ?? [];
  const log = []; // every API request: method, path and query, auth header

  async function api(req, res, url) {
    const path = url.pathname.slice('/api/v1'.length);
    log.push({ method: req.method, path, query: url.search, auth: req.headers.authorization ?? null });
    if (token && req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { error: 'missing or wrong token' });
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const q = url.searchParams;
    if (req.method === 'GET' && parts[0] === 'stories' && parts.length === 1) {
      const cursor = q.get('cursor');
      return send(res, 200, (await fixture(cursor ? `stories-${cursor}` : 'stories')) ?? { stories: [], next_cursor: null });
    }
    if (req.method === 'GET' && parts.length === 2) {
      const kind = { stories: 'story', articles: 'article', entities: 'entity', indicators: 'indicator' }[parts[0]];
      if (kind) {
        const data = await fixture(`${kind}-${parts[1]}`);
        if (data) return send(res, 200, data);
        if (kind === 'indicator') return send(res, 200, []);
        return send(res, 404, { error: `no ${kind} ${parts[1]}` });
      }
    }
    if (req.method === 'GET' && parts[0] === 'search') {
      if (!q.get('q')) return send(res, 400, { error: 'q is required' });
      const hits = (await fixture('search')) ?? [];
      const noise = q.get('include_noise') === '1' ? ((await fixture('search-noise')) ?? []) : [];
      return send(res, 200, [...hits, ...noise]);
    }
    if (parts[0] === 'feeds' && parts.length === 1) {
      if (req.method === 'GET') return send(res, 200, feeds);
      if (req.method === 'POST') {
        let body;
        try {
          body = JSON.parse(await readBody(req));
        } catch {
          return send(res, 400, { error: 'bad JSON' });
        }
        if (typeof body?.url !== 'string' || !/^https?:\/\//.test(body.url)) return send(res, 400, { error: 'url must be http(s)' });
        if (feeds.some((f) => f.url === body.url)) return send(res, 409, { error: 'feed already exists' });
        const feed = {
          id: feeds.length + 100,
          url: body.url,
          title: String(body.title ?? ''),
          category: String(body.category ?? ''),
          health: { last_success: null, last_error: null, last_error_message: null, consecutive_failures: 0, items_per_day: 0, items_total: 0 },
        };
        feeds.push(feed);
        return send(res, 201, feed);
      }
      if (req.method === 'DELETE') {
        const i = feeds.findIndex((f) => f.url === q.get('url'));
        if (i < 0) return send(res, 404, { error: 'no such feed' });
        feeds.splice(i, 1);
        return send(res, 200, { removed: q.get('url') });
      }
    }
    return send(res, 404, { error: 'not found' });
  }

  async function files(req, res, url) {
    let rel = decodeURIComponent(url.pathname);
    if (rel.endsWith('/')) rel += 'index.html';
    const full = normalize(join(DIST, rel));
    if (!full.startsWith(DIST + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (!(await stat(full)).isFile()) throw new Error('not a file');
      res.writeHead(200, { 'Content-Type': TYPES[extname(full)] ?? 'application/octet-stream' });
      res.end(await readFile(full));
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handler = url.pathname.startsWith('/api/v1/') || url.pathname === '/api/v1' ? api : files;
    handler(req, res, url).catch((e) => send(res, 500, { error: String(e?.message ?? e) }));
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address();
  return {
    url: `http://127.0.0.1:${actual}`,
    log,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const s = await startMockServer({ port: Number(process.env.PORT ?? 8080), token: process.env.MOCK_TOKEN ?? '' });
  console.log(`mock osprey API and web/dist at ${s.url}`);
}
