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

// As `osprey serve` answers: its CSP header on everything, and on a 401 the
// Bearer and Basic challenges (the Basic one is for TAXII clients; the UI
// must not let it open the browser's login prompt).
const HEADERS = { 'Content-Security-Policy': "default-src 'self'", 'X-Content-Type-Options': 'nosniff' };

function send(res, status, body) {
  const challenge = status === 401 ? { 'WWW-Authenticate': ['Bearer realm="osprey"', 'Basic realm="osprey"'] } : {};
  res.writeHead(status, { ...HEADERS, ...challenge, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
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

const WATCH_KEYS = ['actors', 'malware', 'cves', 'sectors', 'countries', 'keywords', 'domains', 'networks'];

// The body of POST /watchlists as the contract has it, or an error message.
function checkWatchlist(body) {
  if (!body || typeof body !== 'object') return 'body: expected a JSON object';
  if (typeof body.name !== 'string' || !body.name.trim()) return 'name: required';
  if (!body.query || typeof body.query !== 'object') return 'query: expected an object';
  let any = false;
  for (const [k, v] of Object.entries(body.query)) {
    if (!WATCH_KEYS.includes(k)) return `query: unknown key ${k}`;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return `query.${k}: expected an array of strings`;
    any ||= v.length > 0;
  }
  if (!any) return 'query: at least one value is required';
  if (body.webhook !== undefined && (typeof body.webhook !== 'string' || (body.webhook && !/^https?:\/\//.test(body.webhook))))
    return 'webhook: expected an http(s) URL';
  return null;
}

// token: the writer's; readerToken: a token that may read but not change watchlists (403).
export async function startMockServer({ port = 0, token = '', readerToken = '' } = {}) {
  const feeds = (await fixture('feeds')) ?? [];
  const watchlists = (await fixture('watchlists'))?.watchlists ?? [];
  const alerts = (await fixture('alerts')) ?? []; // newest first
  let nextWatchlist = 100;
  let nextAlert = 1000;
  const log = []; // every API request: method, path and query, auth header

  // A new alert for a watchlist, as when a matching article arrives.
  function addAlert(watchlistId, article = { id: 'a3', title: 'A new article', url: 'https://news.example.org/new' }) {
    const w = watchlists.find((x) => x.id === watchlistId);
    if (!w) throw new Error(`no watchlist ${watchlistId}`);
    const field = WATCH_KEYS.find((k) => w.query[k]?.length);
    const alert = {
      id: nextAlert++,
      watchlist: { id: w.id, name: w.name },
      article,
      story: 's1',
      matched: [{ field, value: w.query[field][0] }],
      created_at: new Date().toISOString(),
      delivery: { status: w.webhook ? 'pending' : 'none', attempts: 0, last_error: '' },
    };
    alerts.unshift(alert);
    w.alerts++;
    return alert;
  }

  async function watchlistApi(req, res, parts, q) {
    const changes = req.method !== 'GET';
    if (changes && readerToken && req.headers.authorization === `Bearer ${readerToken}`)
      return send(res, 403, { error: 'a writer token is required' });
    if (parts[0] === 'alerts' && parts.length === 1 && req.method === 'GET') {
      const limit = Math.min(Math.max(Number(q.get('limit') ?? 50) || 50, 1), 500);
      const cursor = q.get('cursor');
      const wl = q.get('watchlist');
      let list = alerts.filter((a) => !wl || String(a.watchlist.id) === wl);
      if (cursor) list = list.filter((a) => a.id < Number(cursor));
      const page = list.slice(0, limit);
      const next = list.length > limit ? String(page[page.length - 1].id) : null;
      return send(res, 200, { alerts: page, next_cursor: next });
    }
    if (parts[0] !== 'watchlists') return null;
    if (parts.length === 1 && req.method === 'GET') return send(res, 200, { watchlists });
    if (parts.length === 1 && req.method === 'POST') {
      let body;
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return send(res, 400, { error: 'bad JSON' });
      }
      const bad = checkWatchlist(body);
      if (bad) return send(res, 400, { error: bad });
      const w = {
        id: nextWatchlist++,
        name: body.name,
        query: body.query,
        webhook: body.webhook ?? '',
        created_at: new Date().toISOString(),
        alerts: 0,
      };
      watchlists.push(w);
      return send(res, 201, w);
    }
    const i = watchlists.findIndex((w) => String(w.id) === parts[1]);
    if (parts.length === 2 && req.method === 'DELETE') {
      if (i < 0) return send(res, 404, { error: `no watchlist ${parts[1]}` });
      watchlists.splice(i, 1);
      res.writeHead(204).end();
      return true;
    }
    if (parts.length === 3 && parts[2] === 'test' && req.method === 'POST') {
      if (i < 0) return send(res, 404, { error: `no watchlist ${parts[1]}` });
      return send(res, 200, { matches: (await fixture('search')) ?? [] });
    }
    return null;
  }

  async function api(req, res, url) {
    const path = url.pathname.slice('/api/v1'.length);
    log.push({ method: req.method, path, query: url.search, auth: req.headers.authorization ?? null });
    const known = [token, readerToken].filter(Boolean).map((t) => `Bearer ${t}`);
    if (token && !known.includes(req.headers.authorization)) return send(res, 401, { error: 'missing or wrong token' });
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
    if (req.method === 'GET' && parts[0] === 'attack' && parts[1] === 'techniques' && parts.length === 2) {
      return send(res, 200, (await fixture('attack-techniques')) ?? []);
    }
    if ((await watchlistApi(req, res, parts, q)) !== null) return;
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
      res.writeHead(200, { ...HEADERS, 'Content-Type': TYPES[extname(full)] ?? 'application/octet-stream' });
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
    addAlert,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const s = await startMockServer({ port: Number(process.env.PORT ?? 8080), token: process.env.MOCK_TOKEN ?? '' });
  console.log(`mock osprey API and web/dist at ${s.url}`);
}
