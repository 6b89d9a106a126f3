import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import pg from 'pg';
import { startPgCluster, type PgCluster } from '../../scripts/postgres-cluster';
import { startBalancer, type Balancer } from '../relay/balancer';
import { spawnRelay, type LogLine, type RelayProcess } from '../relay/relay-process';
import { addStaff, pairedTablet, syncIndicator, useRelay } from './sync-support';
import { officeWithManager } from './support/office';

/**
 * Issue 21 "Must show" (browser): two relay processes on one PostgreSQL (a throw-away cluster
 * of this test) behind one address — a load balancer, as the relay README's "Many offices"
 * deploys them (tests/relay/balancer.ts plays haproxy). Two real-Chromium tablets of one office
 * are given that one address and land on different processes; an edit on A appears on B; then
 * the process serving A is killed with SIGKILL while A is pushing a large batch of edits (the
 * demo office): A reconnects through the same address to the other process, and B ends up
 * showing every record A has. Direct WebRTC between the tablets is switched off (tablets in
 * two buildings, no LAN between them), so everything goes through the relays.
 */
let cluster: PgCluster;
let relays: RelayProcess[] = [];
let balancer: Balancer;
let databaseUrl: string;
test.beforeAll(async () => {
  cluster = await startPgCluster();
  databaseUrl = await cluster.createDatabase('relay_failover');
  const target = { dataDir: cluster.dataDir, databaseUrl };
  // One after the other: the first creates the schema.
  relays.push(await spawnRelay({}, target));
  relays.push(await spawnRelay({}, target));
  balancer = await startBalancer(relays.map((relay) => relay.port));
});
test.afterAll(async () => {
  await balancer?.close();
  await Promise.all(relays.map((relay) => relay.stop()));
  relays = [];
  await cluster?.stop();
});
test.describe.configure({ mode: 'serial', timeout: 600_000 });

/** A tablet's browser profile with no WebRTC: the relay is its only road to the other tablet. */
async function relayOnlyContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    delete (globalThis as { RTCPeerConnection?: unknown }).RTCPeerConnection;
  });
  return context;
}

const hellos = (relay: RelayProcess, device?: string): LogLine[] =>
  relay.logs.filter((line) => line.event === 'hello' && (!device || line.device === device));

/** The relay process that took the device's latest session (log lines carry an ISO time). */
function serving(device: string): RelayProcess | undefined {
  let best: { relay: RelayProcess; ts: string } | undefined;
  for (const relay of relays)
    for (const line of hellos(relay, device)) {
      const ts = String(line.ts);
      if (!best || ts >= best.ts) best = { relay, ts };
    }
  return best?.relay;
}

/** What PostgreSQL holds of a device's ops (its committed high-water mark). */
async function committed(device: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ high: string }>(
      'SELECT high FROM devices WHERE device = $1',
      [device]
    );
    return rows.length ? Number(rows[0].high) : 0;
  } finally {
    await client.end();
  }
}

async function staffNames(page: Page): Promise<string[]> {
  await page.goto('/settings/staff');
  const names = page.locator('table tbody tr td:first-child');
  await expect(names.first()).toBeVisible();
  return names.allInnerTexts();
}

/** The household count the 住户 list shows (every community). */
async function householdCount(page: Page): Promise<string> {
  await page.goto('/households');
  const count = page.getByText(/^[\d,]+ 户$/);
  await expect(count).toBeVisible({ timeout: 60_000 });
  return count.innerText();
}

test('two tablets on two relay processes behind one address: live edits, and kill -9 of one process mid-sync loses nothing', async ({
  browser
}) => {
  const a = await (await relayOnlyContext(browser)).newPage();
  await officeWithManager(a);
  await useRelay(a, balancer.url);
  // Only A exists yet: the hellos so far are A's.
  await expect.poll(() => relays.flatMap((relay) => hellos(relay)).length).toBeGreaterThan(0);
  const deviceA = String(relays.flatMap((relay) => hellos(relay))[0].device);

  const b = await pairedTablet(browser, a, '前台平板', await relayOnlyContext(browser));
  await expect(syncIndicator(b)).toHaveAttribute('data-sync-state', 'live', { timeout: 30_000 });
  await expect(syncIndicator(a)).toHaveAttribute('data-sync-state', 'live');
  const deviceB = String(
    relays.flatMap((relay) => hellos(relay)).find((line) => line.device !== deviceA)?.device
  );
  expect(serving(deviceA)).toBeDefined();
  expect(serving(deviceB)).toBeDefined();
  // leastconn places a session by the sessions open when it connects (B's pairing socket, a
  // reconnect of A), so both tablets may land on one process: then B reconnects steered to the
  // other one, as an operator would move it, and the test goes on from that state.
  if (serving(deviceB) === serving(deviceA)) {
    const otherIndex = relays.findIndex((relay) => relay !== serving(deviceA));
    balancer.steer(otherIndex);
    await b.reload();
    await expect.poll(() => serving(deviceB), { timeout: 60_000 }).toBe(relays[otherIndex]);
    balancer.steer(undefined);
    await expect(syncIndicator(b)).toHaveAttribute('data-sync-state', 'live', { timeout: 30_000 });
  }
  // One address, two processes: the two tablets are on different ones.
  expect(serving(deviceA)).not.toBe(serving(deviceB));

  // An edit on A appears on B (A's process → PostgreSQL → B's process).
  await addStaff(a, '李晓梅');
  await expect
    .poll(() => staffNames(b), { timeout: 30_000 })
    .toContainEqual(expect.stringContaining('李晓梅'));

  // A large batch of edits: the demo office (600 households and their history) written on A
  // and pushed to its relay process while it is being written.
  const processOfA = serving(deviceA)!;
  const other = relays.find((relay) => relay !== processOfA)!;
  const before = await committed(deviceA);
  await a.goto('/settings');
  await a.getByRole('button', { name: /^小型/ }).click();
  // Mid-sync: some of the demo acknowledged (committed), more waiting on A.
  await expect
    .poll(
      async () =>
        (await committed(deviceA)) > before &&
        Number(await syncIndicator(a).getAttribute('data-pending')) > 0,
      { timeout: 300_000 }
    )
    .toBe(true);
  await processOfA.kill9();
  const atKill = await committed(deviceA);
  const hellosBefore = hellos(other, deviceA).length;

  // A reconnects through the same address, to the process still running, and goes on.
  await expect
    .poll(() => hellos(other, deviceA).length, { timeout: 60_000 })
    .toBeGreaterThan(hellosBefore);
  await expect(a.getByText(/演示数据已载入/)).toBeVisible({ timeout: 300_000 });
  await expect(syncIndicator(a)).toHaveAttribute('data-pending', '0', { timeout: 300_000 });
  await expect(syncIndicator(a)).toHaveAttribute('data-sync-state', 'live');
  // Nothing acknowledged was lost: PostgreSQL holds at least what it had committed at the kill,
  // and B (its process never stopped) shows every record A has.
  const final = await committed(deviceA);
  expect(final).toBeGreaterThanOrEqual(atKill);
  // The kill was mid-sync: more of A's ops reached PostgreSQL after it, through the other process.
  expect(final).toBeGreaterThan(atKill);
  test.info().annotations.push({
    type: 'kill -9',
    description: `${atKill} of A's ${final} ops committed when A's relay process was killed`
  });
  const onA = await householdCount(a);
  expect(onA).not.toBe('0 户');
  await expect.poll(() => householdCount(b), { timeout: 300_000, intervals: [2_000] }).toBe(onA);
  await expect(syncIndicator(b)).toHaveAttribute('data-sync-state', 'live');
  expect(await staffNames(b)).toEqual(await staffNames(a));

  // And B still takes edits from A through the surviving process.
  await addStaff(a, '周文斌');
  await expect
    .poll(() => staffNames(b), { timeout: 30_000 })
    .toContainEqual(expect.stringContaining('周文斌'));
});
