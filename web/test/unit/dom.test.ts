import { describe, expect, it } from 'vitest';
import { extLink, h, route, safeUrl } from '../../src/dom';
import { articleView } from '../../src/article';
import type { Article } from '../../src/api';

describe('safeUrl', () => {
  it('accepts http and https', () => {
    expect(safeUrl('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(safeUrl('HTTP://Example.org')).toBe('http://example.org/');
  });
  it('refuses every other scheme and malformed input', () => {
    for (const bad of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'file:///etc/passwd',
      '//evil.example/x',
      '/relative',
      'https://',
      'http:evil.example',
      '',
      null,
      42,
    ]) {
      expect(safeUrl(bad), String(bad)).toBeNull();
    }
  });
});

describe('extLink', () => {
  it('makes a guarded link for http(s)', () => {
    const a = extLink('https://example.org/', 'x') as HTMLAnchorElement;
    expect(a.tagName).toBe('A');
    expect(a.rel).toBe('noopener noreferrer');
    expect(a.target).toBe('_blank');
  });
  it('shows a javascript: URL as inert text', () => {
    const el = extLink('javascript:alert(1)');
    expect(el.tagName).toBe('SPAN');
    expect(el.getAttribute('href')).toBeNull();
    expect(el.textContent).toBe('javascript:alert(1)');
  });
});

describe('h', () => {
  it('puts strings in as text, never as markup', () => {
    const el = h('p', null, '<img src=x onerror=alert(1)>', '<b>bold</b>');
    expect(el.children.length).toBe(0);
    expect(el.textContent).toBe('<img src=x onerror=alert(1)><b>bold</b>');
    expect(el.innerHTML).toContain('&lt;img');
  });
  it('refuses outside hrefs and event-handler attributes given as strings', () => {
    expect(() => h('a', { href: 'javascript:alert(1)' })).toThrow();
    expect(() => h('div', { onclick: 'alert(1)' } as never)).toThrow();
    expect(() => h('div', { style: 'x' })).toThrow();
  });
  it('escapes route segments', () => {
    expect(route('entity', 'a/b?c#d')).toBe('#/entity/a%2Fb%3Fc%23d');
  });
});

describe('articleView', () => {
  const text = 'Hi <script>alert(1)</script> — see <a href="javascript:alert(2)">here</a> and APT28 at 203.0.113.7';
  const enc = new TextEncoder();
  const span = (needle: string) => {
    const i = text.indexOf(needle);
    const s = enc.encode(text.slice(0, i)).length;
    return { start: s, end: s + enc.encode(needle).length };
  };
  const article: Article = {
    id: 'a1',
    title: '<img src=x onerror=alert(3)>',
    url: 'javascript:alert(4)',
    text,
    published_at: 1700000000,
    relevance: { label: 'security', score: 0.9, reasons: ['<b>r</b>'] },
    findings: {
      observables: [{ type: 'ipv4', value: '203.0.113.7', spans: [span('203.0.113.7')] }],
      entities: [
        { type: 'actor', name: 'APT28', spans: [span('APT28')] },
        { type: 'actor', name: '<script>', spans: [span('<script>')] },
      ],
    },
  };

  it('renders hostile text inert, with findings marked', () => {
    const el = articleView(article);
    document.body.append(el);
    expect(el.querySelectorAll('script, img, iframe, object').length).toBe(0);
    const body = el.querySelector('.article-text')!;
    expect(body.textContent).toBe(text);
    // No link anywhere points at javascript:
    for (const a of el.querySelectorAll('a')) {
      expect(a.getAttribute('href')!.toLowerCase().startsWith('javascript:')).toBe(false);
    }
    expect(el.querySelector('.article-title')!.textContent).toBe('<img src=x onerror=alert(3)>');
    const marks = [...el.querySelectorAll('a.mark')].map((a) => [a.textContent, a.getAttribute('href')]);
    expect(marks).toEqual([
      ['<script>', '#/entity/%3Cscript%3E'],
      ['APT28', '#/entity/APT28'],
      ['203.0.113.7', '#/indicator/203.0.113.7'],
    ]);
    expect(el.querySelector('.unsafe-link')!.textContent).toBe('original');
  });
});
