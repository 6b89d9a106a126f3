import { describe, expect, it } from 'vitest';
import { write, type Actor } from '$lib/db/write';
import { syncState } from '$lib/db/sync-state';
import { memoryLink } from './memory-transport';
import { runPeerSession } from './peer-session';
import { testOffice } from './test-office';

const desk: Actor = { staffId: 'F1', role: 'frontDesk' };

async function until(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('a direct session between two devices', () => {
  it('catches up, then pushes new writes live, both ways', async () => {
    const [a, b] = await testOffice(2);
    const [id] = await write(
      desk,
      [{ op: 'create', table: 'person', value: { name: '张三', phones: [] } }],
      { db: a.db }
    );
    const link = memoryLink();
    const sa = runPeerSession(a.engine, link.ends[0]);
    const sb = runPeerSession(b.engine, link.ends[1]);
    await until(async () => (await b.db.person.get(id))?.name === '张三');
    await write(desk, [{ op: 'update', table: 'person', id, patch: { notes: '来自B' } }], {
      db: b.db
    });
    await until(async () => (await a.db.person.get(id))?.notes === '来自B');
    expect((await syncState(a.db)).vv).toEqual((await syncState(b.db)).vv);
    link.close();
    await Promise.all([sa.done, sb.done]);
  });
});
