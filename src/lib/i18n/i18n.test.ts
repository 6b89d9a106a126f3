import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultMessages, loadMessages, mergeAreas } from './catalog';
import { formatDateTime, i18n, setLocale, setTimeZone, t } from './i18n.svelte';

afterEach(() => i18n.reset());

describe('the catalog', () => {
  it('bundles zh-Hans from every area file', () => {
    expect(defaultMessages['common.save']).toBe('保存');
    expect(defaultMessages['shell.nav.settings']).toBe('设置');
  });

  it('loads a locale on demand, once', async () => {
    const first = loadMessages('zh-Hant');
    expect(loadMessages('zh-Hant')).toBe(first);
    expect((await first)['shell.nav.settings']).toBe('設定');
  });

  it('merges areas in path order', () => {
    expect(mergeAreas({ 'b.ts': { 'x.a': '2' }, 'a.ts': { 'x.a': '1', 'x.b': '1' } })).toEqual({
      'x.a': '2',
      'x.b': '1'
    });
  });
});

describe('t and setLocale', () => {
  it('starts in zh-Hans', () => {
    expect(i18n.locale).toBe('zh-Hans');
    expect(t('common.cancel')).toBe('取消');
  });

  it('switches language after loading it', async () => {
    await setLocale('en');
    expect(i18n.locale).toBe('en');
    expect(t('shell.switchUser')).toBe('Switch user');
    expect(t('ui.pinPad.entered', { count: 2, length: 6 })).toBe('2 of 6 digits entered');
  });

  it('lets the latest switch win when loads finish out of order', async () => {
    const slow = setLocale('zh-Hant');
    const fast = setLocale('en');
    await Promise.all([slow, fast]);
    expect(i18n.locale).toBe('en');
  });

  it('warns once about a missing key in development and shows the key', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const key = ['nowhere', 'key'].join('.');
    expect(t(key)).toBe(key);
    t(key);
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it('formats with the current locale and the office time zone', async () => {
    expect(formatDateTime('2026-10-01T00:30:00Z')).toBe('2026/10/1 08:30');
    setTimeZone('Europe/London');
    await setLocale('en');
    expect(formatDateTime('2026-10-01T00:30:00Z')).toBe('1 Oct 2026, 01:30');
    expect(() => setTimeZone('Mars/Olympus')).toThrow(RangeError);
  });
});
