import { describe, expect, it } from 'vitest';
import { linkParts, type LinkPart } from './linkify';

const ORIGIN = 'https://wy.example.cn';
const links = (parts: LinkPart[]) => parts.filter((p) => 'url' in p);
const joined = (parts: LinkPart[]) => parts.map((p) => p.text).join('');

describe('linkParts (owner notice page: which words become links)', () => {
  it('links http(s) addresses and keeps every other character as text', () => {
    const text = '停水详情见 https://water.example.cn/notice?id=3 ，请留意。';
    const parts = linkParts(text, ORIGIN);
    expect(joined(parts)).toBe(text);
    expect(links(parts)).toEqual([
      {
        text: 'https://water.example.cn/notice?id=3',
        url: 'https://water.example.cn/notice?id=3',
        form: false
      }
    ]);
  });

  it('stops at Chinese punctuation and text right after the address', () => {
    for (const [text, url] of [
      ['见http://a.example.cn/x，谢谢', 'http://a.example.cn/x'],
      ['见 https://a.example.cn/x。', 'https://a.example.cn/x'],
      ['（https://a.example.cn/x）', 'https://a.example.cn/x'],
      ['https://a.example.cn/x查看详情', 'https://a.example.cn/x'],
      ['See https://a.example.cn/x.', 'https://a.example.cn/x'],
      ['(see https://a.example.cn/x), ok', 'https://a.example.cn/x'],
      ['“https://a.example.cn/x”', 'https://a.example.cn/x']
    ]) {
      const parts = linkParts(text, ORIGIN);
      expect(
        links(parts).map((p) => ('url' in p ? p.url : '')),
        text
      ).toEqual([url]);
      expect(joined(parts)).toBe(text);
    }
  });

  it('never links javascript:, data: or other schemes, and keeps markup as text', () => {
    const hostile = [
      'javascript:alert(1)',
      'JavaScript:alert(document.cookie)',
      'java\nscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      '<script>alert(1)</script>',
      '<a href="javascript:alert(1)">点这里</a>',
      '<img src=x onerror=alert(1)>',
      'http://',
      'https://[::1',
      'https:// spaced.example.cn'
    ];
    for (const text of hostile) {
      const parts = linkParts(text, ORIGIN);
      expect(links(parts), text).toEqual([]);
      expect(joined(parts)).toBe(text);
    }
  });

  it('takes no markup into a link: a tag right after an address ends it', () => {
    const text = 'https://a.example.cn/x<script>alert(1)</script>"onmouseover="alert(1)';
    const parts = linkParts(text, ORIGIN);
    expect(links(parts).map((p) => ('url' in p ? p.url : ''))).toEqual(['https://a.example.cn/x']);
    expect(joined(parts)).toBe(text);
    // A javascript: address hidden after a real one stays text.
    const inner = linkParts('https://a.example.cn/?next=javascript:alert(1)', ORIGIN);
    expect(links(inner).map((p) => ('url' in p ? new URL(p.url).protocol : ''))).toEqual([
      'https:'
    ]);
  });

  it('copes with a 100 KB line, with and without an address in it', () => {
    const words = '通知'.repeat(50_000);
    expect(linkParts(words, ORIGIN)).toEqual([{ text: words }]);
    const long = `https://a.example.cn/${'a'.repeat(100_000)}`;
    const parts = linkParts(`${long} 完`, ORIGIN);
    expect(links(parts)).toEqual([]); // no office writes a 100 KB address: kept as text
    expect(joined(parts)).toBe(`${long} 完`);
    const many = 'https://a.example.cn/x '.repeat(4_000);
    expect(links(linkParts(many, ORIGIN))).toHaveLength(4_000);
  });

  it("marks this app's owner form link, and only that", () => {
    const form = `${ORIGIN}/r/#f1.eyJyIjoiaHR0cHM6Ly9yZWxheSJ9.c2ln`;
    const text = `报事报修、意见建议：${form}\n其他：${ORIGIN}/n/#n1.abc https://evil.example.cn/r/#f1.x ${ORIGIN}/r/#p1.x`;
    const found = links(linkParts(text, ORIGIN)).map((p) => ('url' in p ? [p.url, p.form] : []));
    expect(found).toEqual([
      [form, true],
      [`${ORIGIN}/n/#n1.abc`, false],
      ['https://evil.example.cn/r/#f1.x', false],
      [`${ORIGIN}/r/#p1.x`, false]
    ]);
  });
});
