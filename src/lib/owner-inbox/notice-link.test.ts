import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startRelay, type RunningRelay } from '../../relay';
import { testOfficeSetUp } from '$lib/setup/test-office';
import { listOwnerLinks } from '$lib/db/queries/owner-inbox';
import { setShortLinkRelay } from '$lib/db/actions/notices-office';
import { decodeFormLink } from './form-link';
import { communityFormLink, insertLine } from './notice-link';

// Issue 16 §1 "or inside a notice": the notice editor's owner form link is the community's
// poster link, signed like the poster's QR code.

let relay: RunningRelay | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

const PAGE = 'https://desk.example.cn/r/';

describe('communityFormLink', () => {
  it('needs a relay; makes the community poster link once and gives its signed URL', async () => {
    const { db, manager, community } = await testOfficeSetUp();
    expect(await communityFormLink(manager, community, PAGE, db)).toEqual({
      problem: 'noRelay'
    });
    expect(await listOwnerLinks(db)).toEqual([]);

    relay = await startRelay({
      port: 0,
      dataDir: mkdtempSync(join(tmpdir(), 'guanjia-relay-')),
      log: () => undefined
    });
    await setShortLinkRelay(relay.httpUrl, db);
    const first = await communityFormLink(manager, community, PAGE, db);
    if ('problem' in first) throw new Error(first.problem);
    expect(first.made).toBe(true);
    expect(first.url.startsWith(`${PAGE}#f1.`)).toBe(true);
    const signed = await decodeFormLink(first.url.slice(PAGE.length + 1));
    expect(signed).toMatchObject({
      t: first.link.tag,
      l: first.link.id,
      n: '锦绣花园',
      k: ['repair', 'complaint', 'suggestion', 'praise']
    });

    // Again: the same link, nothing new made; an engineer (no right to make links) gets it too.
    const again = await communityFormLink(manager, community, PAGE, db);
    expect(again).toMatchObject({ url: first.url, made: false });
    const engineer = { staffId: 'e1', role: 'engineer' as const };
    expect(await communityFormLink(engineer, community, PAGE, db)).toMatchObject({
      url: first.url
    });
    expect(await listOwnerLinks(db)).toHaveLength(1);
    // Another community without a link, and an actor who may not make one.
    expect(await communityFormLink(engineer, { id: 'other', name: '翠湖苑' }, PAGE, db)).toEqual({
      problem: 'noLink'
    });
  });
});

describe('insertLine', () => {
  it('puts the line on a line of its own at the cursor, or in place of a selection', () => {
    expect(insertLine('', 0, 0, 'L')).toEqual({ body: 'L', caret: 1 });
    expect(insertLine('ab', 2, 2, 'L')).toEqual({ body: 'ab\nL', caret: 4 });
    expect(insertLine('ab\n', 3, 3, 'L')).toEqual({ body: 'ab\nL', caret: 4 });
    expect(insertLine('ab', 1, 1, 'L')).toEqual({ body: 'a\nL\nb', caret: 3 });
    expect(insertLine('a\nb', 2, 2, 'L')).toEqual({ body: 'a\nL\nb', caret: 3 });
    expect(insertLine('aXXb', 1, 3, 'L')).toEqual({ body: 'a\nL\nb', caret: 3 });
    // A cursor out of range (the field changed meanwhile) appends.
    expect(insertLine('ab', 99, 120, 'L')).toEqual({ body: 'ab\nL', caret: 4 });
  });
});
