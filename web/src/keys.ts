// Keyboard shortcuts: j/k move between items of a list marked data-jk,
// "/" opens search. Ignored while typing in a form field.

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName);
}

export function moveFocus(step: number): boolean {
  const items = [...document.querySelectorAll<HTMLElement>('#main [data-jk]')];
  if (items.length === 0) return false;
  const current = items.findIndex((el) => el === document.activeElement || el.contains(document.activeElement));
  let next = current < 0 ? (step > 0 ? 0 : items.length - 1) : current + step;
  next = Math.max(0, Math.min(items.length - 1, next));
  const target = items[next];
  const link = target.matches('a,button') ? target : target.querySelector<HTMLElement>('a,button');
  (link ?? target).focus();
  target.scrollIntoView?.({ block: 'nearest' });
  for (const el of items) el.classList.toggle('selected', el === target);
  return true;
}

export function installKeys(): void {
  document.addEventListener('keydown', (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(ev.target)) return;
    if (ev.key === 'j' || ev.key === 'k') {
      if (moveFocus(ev.key === 'j' ? 1 : -1)) ev.preventDefault();
    } else if (ev.key === '/') {
      ev.preventDefault();
      const input = document.querySelector<HTMLInputElement>('#main input[type=search]');
      if (input) input.focus();
      else location.hash = '#/search';
    }
  });
}
