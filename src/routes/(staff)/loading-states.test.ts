// Issue 20 fault 3: a list screen says what it has only once the store has answered. Before
// that (server render: no store at all) it shows a loading status, never "0" or "nothing here".
import { render } from 'svelte/server';
import type { Component } from 'svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { i18n, setLocale } from '$lib/i18n';
import Board from './tickets/+page.svelte';
import Mine from './tickets/mine/+page.svelte';
import Households from './households/+page.svelte';
import Units from './units/+page.svelte';
import Lifecycle from './lifecycle/+page.svelte';
import Notices from './notices/+page.svelte';
import VisitRecords from './visits/records/+page.svelte';

beforeEach(() => setLocale('zh-Hans'));
afterEach(() => i18n.reset());

const screens: [string, Component][] = [
  ['board', Board as Component],
  ['my work', Mine as Component],
  ['households', Households as Component],
  ['units', Units as Component],
  ['lifecycle', Lifecycle as Component],
  ['notices', Notices as Component],
  ['visit records', VisitRecords as Component]
];

describe('list screens before the store answers', () => {
  it.each(screens)('%s shows a loading status and no count or empty message', (_, screen) => {
    const { body } = render(screen);
    expect(body).toMatch(/role="status"[^>]*aria-busy="true"|aria-busy="true"[^>]*role="status"/);
    // No number shown as a count: "未办结 0 件", "0 户", a chip's <strong>0</strong>.
    expect(body).not.toMatch(/>\s*0\s*</);
    expect(body).not.toMatch(/\b0 (户|件)|未办结 0|（0）/);
    for (const empty of ['没有未办结的服务请求', '没有符合条件的住户', '暂无', '没有'])
      expect(body).not.toContain(empty);
  });
});
