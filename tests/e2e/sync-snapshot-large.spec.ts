import { expect, test, type Page, type WebSocketRoute } from '@playwright/test';
import { defaultOffice, signIn, storeCounts } from './support/office';
import { pushLargeOffice } from './support/large-office';
import {
  firstTablet,
  setTabletOnline,
  spawnRelay,
  syncIndicator,
  type RelayProcess
} from './sync-support';

/**
 * Issue 12 "Must show": the LARGE demo office joins a new tablet from the relay's snapshot
 * plus the tail, with its progress bar, and the desk is usable (open requests listed, a
 * household found) while the catch-up is still running. To make "still running" a state
 * and not a race, the relay's answers to the new tablet are held back once its desk part
 * has arrived (the sign-in list shows): the rest of the history (the old events, then the
 * tail) cannot arrive until the desk has been checked, and the progress bar must still be
 * up — also after a reload meanwhile. Then the answers flow again and the tablet ends with
 * everything A holds. How soon the desk is usable is timed in `npm run bench -- sync`
 * (sync.largeOfficeUsableS), not here.
 *
 * A gets the large office from a second device of its office running in Node
 * (support/large-office.ts: the sync bench's rows, sealed and signed as any device's) through
 * the relay and the commit road, not through the demo loader's write path (~14 min on A at
 * load 20, which made this test on-demand only). The join under test is the real one: relay →
 * snapshot → tail → IndexedDB in Chromium.
 */
let relay: RelayProcess;
test.beforeAll(async () => {
  relay = await spawnRelay();
});
let failed = false;
test.afterAll(async () => {
  await relay?.stop();
  // After a failure: how the relay ended (stopped here, or before on its own: spawnRelay says so).
  if (failed) process.stderr.write(`[relay log, last lines]\n${relay.tail()}\n`);
});
// A failure says what the relay saw (its log; how it ended if it did), before afterAll stops it.
// eslint-disable-next-line no-empty-pattern
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus || !relay) return;
  failed = true;
  await testInfo.attach('relay-log', { body: relay.tail(), contentType: 'text/plain' });
});
// A cap, not a wait: the whole test took 8.0 min at load 20–25 on 2 cores (2026-12-06 04:07 UTC,
// on main 69cf720).
test.describe.configure({ timeout: 1_500_000 });
// Its failure of 04:13 (2026-12-06) was A going live mid-catch-up and publishing a partial
// snapshot, fixed in lib/sync/relay-session.ts (38012df); part of `npm test` since.

/** A person of the office as A's raw store holds it (names come from the demo's seed). */
async function somePerson(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('guanjia');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const rows = await new Promise<{ name: string; deleted?: boolean; kind?: string }[]>(
      (resolve, reject) => {
        const req = db.transaction('person').objectStore('person').getAll(null, 400);
        req.onsuccess = () => resolve(req.result as { name: string; deleted?: boolean }[]);
        req.onerror = () => reject(req.error);
      }
    );
    db.close();
    return rows.filter((r) => !r.deleted && r.kind !== 'company').at(-1)?.name ?? '';
  });
}

/**
 * The relay connection of a tablet, passed through Playwright, with a valve on what the
 * relay sends: while shut, its messages wait (in order) and flow when it opens again.
 */
async function relayValve(page: Page, url: string) {
  let shut = false;
  const waiting: { route: WebSocketRoute; message: string | Buffer }[] = [];
  const closed = new Set<WebSocketRoute>();
  const host = new URL(url).host.replace(/\./g, '\\.');
  await page.routeWebSocket(new RegExp(`^wss?://${host}/`), (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      if (shut) waiting.push({ route: ws, message });
      else ws.send(message);
    });
    ws.onClose((code, reason) => {
      closed.add(ws);
      return server.close({ code, reason });
    });
    server.onClose((code, reason) => ws.close({ code, reason }));
  });
  return {
    shut: () => void (shut = true),
    open() {
      shut = false;
      // Answers held for a connection the page has since closed (a reload) are dropped.
      for (const { route, message } of waiting.splice(0))
        if (!closed.has(route)) route.send(message);
    },
    held: () => waiting.length
  };
}

test('the large office joins a new tablet from snapshot + tail; the desk works during the catch-up', async ({
  browser
}) => {
  const a = await firstTablet(browser, relay);
  // The large office takes minutes to arrive with no tap: the tablets must not lock meanwhile
  // (the setting syncs to the new tablet with the office's settings).
  await a.goto('/settings');
  await a.getByLabel('无操作自动锁屏（分钟）', { exact: true }).fill('240');
  await a.getByRole('button', { name: '保存', exact: true }).click();
  await expect(a.getByText('设置已保存')).toBeVisible();
  // The large demo office comes from a second device of the office (in Node, the rows the sync
  // bench uses) through the relay, and A stores it through the commit road, as a tablet
  // receives any device's history.
  // A is offline meanwhile, so it takes the office as one catch-up and publishes one snapshot
  // of all of it once live (no snapshot of a half-received office).
  await setTabletOnline(a, false);
  const large = await pushLargeOffice(a, relay.url);
  await setTabletOnline(a, true);
  await expect
    .poll(async () => (await storeCounts(a, ['ticketEvent'])).ticketEvent, {
      timeout: 900_000,
      intervals: [5_000]
    })
    .toBe(large.rows.ticketEvent);
  // Once live again, A has published a snapshot of all of it (its log grew far past none).
  await a.goto('/settings/devices');
  await expect(a.getByTestId('snapshot-note')).toHaveAttribute('data-kind', 'published', {
    timeout: 300_000
  });
  // The tail: a change after the snapshot, which the new tablet must get from the log (the
  // first write on a store this large takes a while on a busy machine).
  await a.goto('/settings/staff');
  await a.getByLabel('姓名').fill('快照之后');
  await a.getByLabel('岗位').selectOption({ label: '客服前台' });
  await a.getByLabel('初始 PIN 码').fill('1357');
  await a.getByLabel('再次输入 PIN 码').fill('1357');
  await a.getByRole('button', { name: '新增员工' }).click();
  await expect(a.getByText('已添加 快照之后')).toBeVisible({ timeout: 180_000 });
  await expect(syncIndicator(a)).toHaveAttribute('data-pending', '0', { timeout: 60_000 });

  await a.goto('/settings/devices');
  await a.getByRole('button', { name: '生成配对码' }).click();
  const link = await a.getByTestId('pairing-link').inputValue();
  const b = await (await browser.newContext()).newPage();
  const valve = await relayValve(b, relay.url);
  // What the top bar's progress bar showed, as the user saw it over the join (values in order).
  await b.addInitScript(() => {
    const seen: [number, number][] = JSON.parse(sessionStorage.getItem('progressSeen') ?? '[]');
    setInterval(() => {
      const bar = document.querySelector<HTMLProgressElement>('[role="status"] progress');
      const last = seen.at(-1);
      if (!bar || (last && last[0] === bar.value && last[1] === bar.max)) return;
      seen.push([bar.value, bar.max]);
      sessionStorage.setItem('progressSeen', JSON.stringify(seen));
    }, 200);
  });
  await b.goto(link);
  await b.getByLabel('本设备名称').fill('新平板');
  await b.getByRole('button', { name: '请求加入' }).click();
  // A cap, not a wait: at load 18–23 B took 16 s to open its pairing socket and A, a tablet
  // holding the large office, was busy; the action's 20 s ran out before A showed the request
  // (run of 04:13, issue 12).
  await expect(a.getByRole('button', { name: '批准' })).toBeVisible({ timeout: 120_000 });
  await a.getByRole('button', { name: '批准' }).click();

  // The desk's part (office, staff, households, open requests) comes first: once the staff
  // list shows, nothing more comes from the relay until the desk has been checked.
  await expect(b.getByRole('heading', { name: '请选择您的名字' })).toBeVisible({
    timeout: 300_000
  });
  valve.shut();
  await signIn(b, defaultOffice.managerName, defaultOffice.pin);
  await expect(b.getByRole('heading', { name: '工作台' })).toBeVisible({ timeout: 120_000 });
  // Through the app's own navigation: a reload would start a new relay session, which waits
  // for the relay's (held) challenge before it can say anything about the join.
  await b
    .getByRole('navigation', { name: '主导航' })
    .getByRole('link', { name: '服务请求' })
    .click();
  await expect(b.locator('main a[href*="/tickets/"]').first()).toBeVisible({ timeout: 120_000 });
  const name = await somePerson(a);
  expect(name).not.toBe('');
  const box = b.getByRole('combobox', { name: '搜索住户或房屋' });
  await box.fill(name);
  await expect(b.getByRole('listbox', { name: '搜索结果' }).getByText(name).first()).toBeVisible({
    timeout: 120_000
  });
  // Still catching up: the bar is up, and the tail (at least) is not here yet.
  const bar = syncIndicator(b).locator('progress');
  await expect(bar).toBeVisible();
  const held = await bar.evaluate((p: HTMLProgressElement) => ({ value: p.value, max: p.max }));
  // The snapshot's desk part is merged: part of the way, not all of it.
  expect(held.value).toBeGreaterThan(0);
  expect(held.value).toBeLessThan(held.max);
  const tables = ['ticket', 'ticketEvent', 'unit', 'person', 'staff'];
  const onA = await storeCounts(a, tables);
  const during = await storeCounts(b, tables);
  expect(during.ticketEvent).toBeLessThan(onA.ticketEvent);
  expect(during.staff).toBeLessThan(onA.staff);
  test.info().annotations.push({
    type: 'desk usable during the catch-up',
    description: `B held ${during.ticketEvent} of A's ${onA.ticketEvent} request events, ${during.ticket} of ${onA.ticket} requests; ${valve.held()} relay messages held`
  });

  // A reload meanwhile (someone reloads the page, the app updates): the new session waits for
  // the relay, which answers nothing yet; the bar shows where the join stood (kept on the
  // device), not nothing. The person stays signed in.
  await b.reload();
  await expect(bar).toBeVisible({ timeout: 60_000 });
  const kept = await bar.evaluate((p: HTMLProgressElement) => ({ value: p.value, max: p.max }));
  expect(kept.max).toBe(held.max);
  expect(kept.value).toBeGreaterThan(0);
  expect(kept.value).toBeLessThan(kept.max);

  // The rest flows: the same rows as A, the change made after the snapshot included.
  valve.open();
  await expect
    .poll(() => storeCounts(b, tables), { timeout: 900_000, intervals: [5_000] })
    .toEqual(onA);
  await expect(syncIndicator(b).locator('progress')).toHaveCount(0, { timeout: 120_000 });
  // The bar moved on from where it stood while the answers were held, before it went away.
  const seen: [number, number][] = JSON.parse(
    (await b.evaluate(() => sessionStorage.getItem('progressSeen'))) ?? '[]'
  );
  expect(seen.some(([value, max]) => value > held.value && value < max)).toBe(true);
  // From the snapshot, not the history: B's log holds only the tail, A's the whole load.
  const logs = {
    a: (await storeCounts(a, ['oplog'])).oplog,
    b: (await storeCounts(b, ['oplog'])).oplog
  };
  expect(logs.b).toBeLessThan(logs.a / 2);
  await b.goto('/settings/devices');
  await expect(b.getByTestId('snapshot-note')).toHaveAttribute('data-kind', 'joined');
});
