// Unread alerts: the newest alert id the reader has seen is kept in
// localStorage; the navigation's badge counts newer ones, asking the server
// every POLL_MS. Alert ids grow with time (the server hands them out in order).
import { api, Alert } from './api';
import { num } from './dom';

export const SEEN_KEY = 'osprey.alerts.seen';
export const POLL_MS = 30000;

export function lastSeen(): number {
  try {
    const v = Number(localStorage.getItem(SEEN_KEY));
    return Number.isFinite(v) && v > 0 ? v : 0;
  } catch {
    return 0;
  }
}

/** Remembers the newest of `alerts` as seen (never moves backwards). */
export function markSeen(alerts: Alert[]): void {
  const newest = Math.max(lastSeen(), ...alerts.map((a) => num(a?.id)));
  try {
    if (newest > 0) localStorage.setItem(SEEN_KEY, String(newest));
  } catch {
    // Private mode without storage: the badge just keeps counting.
  }
  showCount(0);
}

/** How many of `alerts` are newer than `seen`. */
export function countUnread(alerts: Alert[], seen: number): number {
  return alerts.filter((a) => num(a?.id) > seen).length;
}

function showCount(n: number, more = false): void {
  const link = document.querySelector<HTMLAnchorElement>('nav a[data-nav=alerts]');
  const badge = link?.querySelector<HTMLElement>('.nav-count');
  if (!link || !badge) return;
  badge.hidden = n === 0;
  badge.textContent = n === 0 ? '' : `${n}${more ? '+' : ''}`;
  link.setAttribute('aria-label', n === 0 ? 'Alerts' : `Alerts, ${n}${more ? ' or more' : ''} unread`);
}

const PAGE = 50;

/** Asks once for the newest alerts and shows the unread count; silent on errors (no token yet…). */
export async function refreshBadge(): Promise<void> {
  try {
    const page = await api.alerts({ limit: PAGE });
    const alerts = Array.isArray(page?.alerts) ? page.alerts : [];
    const unread = countUnread(alerts, lastSeen());
    showCount(unread, unread === alerts.length && !!page.next_cursor);
  } catch {
    showCount(0);
  }
}

/** Polls every POLL_MS while the page is visible, and at once when it becomes visible again. */
export function startAlertBadge(): void {
  void refreshBadge();
  setInterval(() => {
    if (document.visibilityState !== 'hidden') void refreshBadge();
  }, POLL_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void refreshBadge();
  });
}
