import { describe, expect, it, vi } from 'vitest';
import { interpolate, placeholdersOf, translate } from './translate';

describe('interpolate', () => {
  it('fills every placeholder, numbers formatted for the locale', () => {
    expect(interpolate('{name} 有 {count} 条待办', { name: '王芳', count: 12345 }, 'zh-Hans')).toBe(
      '王芳 有 12,345 条待办'
    );
  });

  it('keeps a placeholder that was given no value visible', () => {
    expect(interpolate('房号 {unit}', {}, 'zh-Hans')).toBe('房号 {unit}');
  });

  it('leaves text without parameters untouched', () => {
    expect(interpolate('保存 {x}', undefined, 'en')).toBe('保存 {x}');
  });
});

describe('translate', () => {
  const catalog = {
    locale: 'en' as const,
    messages: { 'common.save': 'Save', 'ui.hello': 'Hello {name}' },
    fallback: { 'common.save': '保存', 'ui.only.zh': '只有中文', 'ui.hello': '你好 {name}' }
  };

  it('uses the locale’s own message', () => {
    expect(translate(catalog, 'ui.hello', { name: 'Li' })).toBe('Hello Li');
  });

  it('falls back to the default locale and reports the gap', () => {
    const onMissing = vi.fn();
    expect(translate(catalog, 'ui.only.zh', undefined, onMissing)).toBe('只有中文');
    expect(onMissing).toHaveBeenCalledWith('ui.only.zh', 'en');
  });

  it('gives the key back when no locale has it', () => {
    expect(translate(catalog, 'ui.nowhere')).toBe('ui.nowhere');
  });
});

it('lists placeholders sorted', () => {
  expect(placeholdersOf('{b} and {a} and {b}')).toEqual(['a', 'b', 'b']);
});
