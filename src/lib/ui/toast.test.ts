import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { toasts } from './toast.svelte';

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  toasts.reset();
  vi.useRealTimers();
});

describe('toasts', () => {
  it('shows a confirmation and lets it fade after a few seconds', () => {
    toasts.success('已保存');
    expect(toasts.items.map((t) => [t.kind, t.message])).toEqual([['success', '已保存']]);
    vi.advanceTimersByTime(4000);
    expect(toasts.items).toEqual([]);
  });

  it('keeps an error until it is dismissed', () => {
    const id = toasts.error('保存失败');
    vi.advanceTimersByTime(60_000);
    expect(toasts.items).toHaveLength(1);
    toasts.dismiss(id);
    expect(toasts.items).toEqual([]);
  });

  it('keeps only the five newest', () => {
    for (let i = 1; i <= 7; i++) toasts.error(`错误 ${i}`);
    expect(toasts.items.map((t) => t.message)).toEqual([
      '错误 3',
      '错误 4',
      '错误 5',
      '错误 6',
      '错误 7'
    ]);
  });
});
