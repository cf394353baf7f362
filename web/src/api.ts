// The REST API client: JSON over /api/v1, with the bearer token from
// localStorage when one is stored.

export const TOKEN_KEY = 'osprey.token';
const BASE = '/api/v1';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export function getToken(): string {
  try {
    return localStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

export function setToken(token: string): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function buildPath(path: string, query?: Query): string {
  const params = new URLSearchParams();
  if (query) {
    for (const [k, v] of Object.entries(query)) {
      if (v === null || v === undefined || v === '' || v === false) continue;
      params.set(k, v === true ? '1' : String(v));
    }
  }
  const qs = params.toString();
  return BASE + path + (qs ? '?' + qs : '');
}

export async function request<T>(method: string, path: string, query?: Query, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(buildPath(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      // No ambient credentials: the token goes in the header, and a 401 carrying
      // a Basic challenge (for TAXII clients) cannot open the browser's login prompt.
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(`network error: ${(e as Error).message}`, 0);
  }
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      if (res.ok) throw new ApiError('the server sent something that is not JSON', res.status);
    }
  }
  if (!res.ok) {
    const msg =
      data && typeof data === 'object' && typeof (data as { error?: unknown }).error === 'string'
        ? (data as { error: string }).error
        : `${res.status} ${res.statusText}`;
    throw new ApiError(res.status === 401 ? `${msg} (set an API token under Settings)` : msg, res.status);
  }
  return data as T;
}

const seg = (s: string) => encodeURIComponent(s);

// ---- Types of the contract (fields may be missing; pages read them defensively).

export interface StorySummary {
  id: string | number;
  title: string;
  first_seen: number;
  last_seen: number;
  articles: number;
  sources: number;
  relevance?: { label?: string; score?: number } | number | string;
  score?: number;
}
export interface StoryList {
  stories: StorySummary[];
  next_cursor: string | null;
}
export interface Member {
  article: string | number;
  outlet: string;
  url: string;
  title: string;
  published_at: number;
  duplicate_of: string | number | null;
}
export interface StoryEntity {
  type: string;
  id: string;
  name: string;
  alias: string;
  role: string;
  confidence: number;
  sources: number;
  reasons: string[];
}
export interface Ref {
  name: string;
  type: string;
  id: string;
}
export interface StoryRelation {
  predicate: string;
  subject: Ref;
  object: Ref;
  sentence: string;
  confidence: number;
  negated: boolean;
  hedged: boolean;
  sources: number;
}
export interface StoryObservable {
  type: string;
  value: string;
  benign: boolean;
  sources: number;
  context: string;
}
export interface Story {
  id: string | number;
  title: string;
  first_seen: number;
  last_seen: number;
  members: Member[];
  entities: StoryEntity[];
  relations: StoryRelation[];
  observables: StoryObservable[];
}
export interface Span {
  start: number;
  end: number;
}
export interface Relevance {
  label: string;
  score: number;
  reasons: string[];
}
export interface Article {
  id: string | number;
  title: string;
  url: string;
  text: string;
  published_at: number;
  relevance: Relevance;
  findings: {
    observables: { type: string; value: string; spans: Span[] }[];
    entities: { type: string; name: string; spans: Span[] }[];
  };
}
export interface SearchHit {
  id: string | number;
  title: string;
  url: string;
  published_at: number;
  relevance: Relevance | string | number;
  story: string | number | null;
}
export interface EntityRelation {
  predicate: string;
  direction: string; // "outgoing" | "incoming"
  other: string;
  other_type: string;
  other_id?: string; // the other end's knowledge-base entity id
  articles: number;
  confidence: number;
  evidence: unknown;
}
export interface Entity {
  id: string;
  name: string;
  type: string;
  kb_aliases: string[];
  aliases_seen: Record<string, number>;
  articles: number;
  first_seen: number;
  last_seen: number;
  timeline: Record<string, number>;
  relations: EntityRelation[];
  recent_articles: SearchHit[];
}
export interface IndicatorHit {
  id: string | number;
  title: string;
  url: string;
  published_at: number;
  type: string;
  context: string;
  story: string | number | null;
}
export interface FeedHealth {
  last_success: number | null;
  last_error: number | null;
  last_error_message: string | null;
  consecutive_failures: number;
  items_per_day: number;
  items_total: number;
}
export interface Feed {
  id: string | number;
  url: string;
  title: string;
  category: string;
  health: FeedHealth;
}

/** One enterprise ATT&CK technique (GET /attack/techniques). */
export interface AttackTechnique {
  id: string; // "T1566.001"
  name: string;
  tactics: string[]; // shortnames: "initial-access"
  parent: string | null; // "T1566" for a sub-technique
  entity?: string; // knowledge-base entity id
}

export const WATCH_KEYS = ['actors', 'malware', 'cves', 'sectors', 'countries', 'keywords', 'domains', 'networks'] as const;
export type WatchKey = (typeof WATCH_KEYS)[number];
export type WatchQuery = Partial<Record<WatchKey, string[]>>;
export interface Watchlist {
  id: number;
  name: string;
  query: WatchQuery;
  webhook: string;
  created_at: string; // RFC 3339
  alerts: number;
}
export interface NewWatchlist {
  name: string;
  query: WatchQuery;
  webhook?: string;
}
export interface AlertDelivery {
  status: 'none' | 'pending' | 'delivered' | 'failed' | string;
  attempts: number;
  last_error: string;
}
export interface Alert {
  id: number;
  watchlist: { id: number; name: string };
  article: { id: string | number; title: string; url: string };
  story: string | number | null;
  matched: { field: string; value: string }[];
  created_at: string; // RFC 3339
  delivery: AlertDelivery;
}
export interface AlertPage {
  alerts: Alert[];
  next_cursor: string | number | null;
}

let techniques: Promise<AttackTechnique[]> | null = null;

export const api = {
  stories: (q: { since?: string; min_sources?: number | ''; limit?: number; cursor?: string | null; include_noise?: boolean }) =>
    request<StoryList>('GET', '/stories', q as Query),
  story: (id: string) => request<Story>('GET', `/stories/${seg(id)}`),
  article: (id: string) => request<Article>('GET', `/articles/${seg(id)}`),
  search: (q: string, includeNoise: boolean) =>
    request<SearchHit[]>('GET', '/search', { q, include_noise: includeNoise }),
  entity: (name: string) => request<Entity>('GET', `/entities/${seg(name)}`),
  indicator: (value: string) => request<IndicatorHit[]>('GET', `/indicators/${seg(value)}`),
  feeds: () => request<Feed[]>('GET', '/feeds'),
  addFeed: (f: { url: string; title: string; category: string }) => request<unknown>('POST', '/feeds', undefined, f),
  removeFeed: (url: string) => request<unknown>('DELETE', '/feeds', { url }),
  /** The catalogue never changes while the page lives: asked once (again after a failure). */
  attackTechniques: (): Promise<AttackTechnique[]> => {
    techniques ??= request<AttackTechnique[]>('GET', '/attack/techniques').catch((e) => {
      techniques = null;
      throw e;
    });
    return techniques;
  },
  watchlists: () => request<{ watchlists: Watchlist[] }>('GET', '/watchlists'),
  addWatchlist: (w: NewWatchlist) => request<Watchlist>('POST', '/watchlists', undefined, w),
  removeWatchlist: (id: string | number) => request<unknown>('DELETE', `/watchlists/${seg(String(id))}`),
  testWatchlist: (id: string | number) =>
    request<{ matches: SearchHit[] }>('POST', `/watchlists/${seg(String(id))}/test`, undefined, {}),
  alerts: (q: { watchlist?: string | number | null; limit?: number; cursor?: string | number | null }) =>
    request<AlertPage>('GET', '/alerts', q as Query),
};
