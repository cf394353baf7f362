import { getToken, setToken } from '../api';
import { h } from '../dom';
import { refreshBadge } from '../alerts';
import type { PageContext } from '../main';

export function settingsPage(root: HTMLElement, _a: string[], _q: URLSearchParams, ctx: PageContext) {
  ctx.setTitle('Settings');
  const input = h('input', {
    id: 'token',
    type: 'password',
    name: 'token',
    autocomplete: 'off',
    value: getToken(),
  }) as HTMLInputElement;
  const status = h('p', { class: 'muted', 'aria-live': 'polite' }, getToken() ? 'A token is stored.' : 'No token stored: requests go without one.');
  const form = h(
    'form',
    { class: 'feed-form', 'aria-label': 'API token' },
    h('label', { for: 'token' }, 'API token'),
    input,
    h('button', { type: 'submit' }, 'Save'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    setToken(input.value.trim());
    status.textContent = input.value.trim() ? 'Token saved in this browser.' : 'Token removed.';
    void refreshBadge();
  });
  root.append(
    h('h1', null, 'Settings'),
    h('p', null, 'When `osprey serve` runs with a token, paste it here. It is kept in this browser’s localStorage and sent as a Bearer header.'),
    form,
    status,
  );
}
