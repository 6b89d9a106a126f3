import { afterEach, describe, expect, it } from 'vitest';
import { startRelay, type RunningRelay } from '../../src/relay';
import type { LogFields } from '../../src/relay/log';
import pg from 'pg';
import { openStore } from '../../src/relay/store';
import {
  ReceiptsError,
  newReceiptTag,
  openReceiptTags,
  readReceiptCounts,
  signedReceiptRequest
} from '../../src/lib/owner-link/receipts-client';
import { utf8 } from '../../src/lib/sync/crypto';
import { makeDevice, makeOffice, type TestDevice } from './device-client';
import {
  dataDirBytes,
  spawnRelay,
  testStore,
  TEST_STORE,
  type RelayProcess
} from './relay-process';

// Anonymous read receipts of owner notices (src/relay/receipts.ts): an office's device opens
// opaque tags, phones ping them, the device reads the counts.

let relay: RunningRelay | undefined;
let process_: RelayProcess | undefined;
const logs: ({ event: string } & LogFields)[] = [];
afterEach(async () => {
  await relay?.close();
  await process_?.stop();
  relay = undefined;
  process_ = undefined;
  logs.length = 0;
});

async function start(): Promise<RunningRelay> {
  relay = await startRelay({
    port: 0,
    ...(await testStore()),
    log: (_level, event, fields) => logs.push({ event, ...fields })
  });
  return relay;
}

/** The owner-link keys of a test device, as the desk holds them. */
function keysOf(device: TestDevice) {
  return {
    officeId: device.office.id,
    office: device.office.signing,
    device: { id: device.id, signing: device.signing, cert: device.cert }
  };
}

/** An owner's phone opening the notice: one POST, no body, no cookies. */
async function ping(httpUrl: string, tag: string, from?: string): Promise<number> {
  const headers: Record<string, string> = from ? { 'X-Forwarded-For': from } : {};
  return (await fetch(`${httpUrl}/r/${tag}`, { method: 'POST', headers })).status;
}

async function receiptColumns(target: RelayProcess): Promise<string[]> {
  if (target.databaseUrl) {
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ name: string }>(
      "SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'receipts' ORDER BY ordinal_position"
    );
    await client.end();
    return rows.map((row) => row.name);
  }
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(`${target.dataDir}/relay.sqlite`, { readonly: true });
  const columns = db.prepare('PRAGMA table_info(receipts)').all() as { name: string }[];
  db.close();
  return columns.map((c) => c.name);
}

describe('read receipts on the relay', () => {
  it('counts pings per open tag; the office reads its counts; unknown tags count nothing', async () => {
    const { httpUrl } = await start();
    const desk = keysOf(makeDevice(makeOffice()));
    const [building3, building5, chat] = [newReceiptTag(), newReceiptTag(), newReceiptTag()];
    await openReceiptTags(httpUrl, desk, [building3, building5, chat], 3600);

    expect(await ping(httpUrl, building3)).toBe(204);
    expect(await ping(httpUrl, building3)).toBe(204);
    expect(await ping(httpUrl, chat)).toBe(204);
    const unknown = newReceiptTag();
    expect(await ping(httpUrl, unknown)).toBe(404);
    expect(await ping(httpUrl, 'not-a-tag')).toBe(404);

    expect(await readReceiptCounts(httpUrl, desk, [building3, building5, chat, unknown])).toEqual({
      [building3]: 2,
      [building5]: 0,
      [chat]: 1
    });
    // The unknown tag was not created by its ping.
    expect((await relay!.store.counts()).receipts).toBe(3);
  });

  it('another office reads nothing of these tags and cannot take them; forged or stale requests are refused', async () => {
    const { httpUrl } = await start();
    const office = makeOffice();
    const desk = keysOf(makeDevice(office));
    const tag = newReceiptTag();
    await openReceiptTags(httpUrl, desk, [tag], 3600);
    await ping(httpUrl, tag);

    const stranger = keysOf(makeDevice(makeOffice()));
    expect(await readReceiptCounts(httpUrl, stranger, [tag])).toEqual({});
    await expect(openReceiptTags(httpUrl, stranger, [tag], 3600)).rejects.toMatchObject({
      reason: 'refused',
      message: expect.stringContaining('409')
    });

    // A device whose certificate another office signed, claiming this office.
    const impostor = { ...stranger, officeId: office.id, office: office.signing };
    await expect(readReceiptCounts(httpUrl, impostor, [tag])).rejects.toThrow(/403/);
    // A request captured and edited (other tags): the signature no longer matches.
    const signed = signedReceiptRequest(desk, 'count', [tag], 0, Date.now());
    const edited = { ...signed, tags: [newReceiptTag()] };
    const response = await fetch(`${httpUrl}/r`, { method: 'POST', body: JSON.stringify(edited) });
    expect(response.status).toBe(403);
    // A request from a clock an hour away (or replayed an hour later).
    await expect(
      readReceiptCounts(httpUrl, desk, [tag], Date.now() - 3_600_000)
    ).rejects.toBeInstanceOf(ReceiptsError);
    expect(logs.filter((l) => l.event === 'reject' && l.code === 'receipts').length).toBe(4);
    // Nothing of that changed the count.
    expect(await readReceiptCounts(httpUrl, desk, [tag])).toEqual({ [tag]: 1 });
  });

  it('limits: pings per address, request size, tags per office, expiry', async () => {
    const { httpUrl } = await start();
    const desk = keysOf(makeDevice(makeOffice()));
    const tag = newReceiptTag();
    await openReceiptTags(httpUrl, desk, [tag], 3600);

    // One address (behind the TLS proxy: X-Forwarded-For from loopback) pinging in a loop.
    const statuses: number[] = [];
    for (let i = 0; i < 80; i++) statuses.push(await ping(httpUrl, tag, '203.0.113.7'));
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(10);
    // Another phone elsewhere is not held back by it.
    expect(await ping(httpUrl, tag, '198.51.100.20')).toBe(204);
    const counted = statuses.filter((s) => s === 204).length + 1;
    expect(await readReceiptCounts(httpUrl, desk, [tag])).toEqual({ [tag]: counted });

    const huge = await fetch(`${httpUrl}/r`, { method: 'POST', body: 'x'.repeat(200_000) });
    expect(huge.status).toBe(413);

    // The store itself: tags per office and on the relay, and expiry.
    const store = await openStore({ ...(await testStore()), quotaBytes: 1 << 30 });
    const limits = { maxTagsPerOffice: 3, maxTags: 5 };
    const counters = store.receipts;
    const now = 1_800_000_000_000;
    const tags = Array.from({ length: 6 }, () => newReceiptTag());
    expect(await counters.open('office-a', tags.slice(0, 3), now + 1000, limits)).toEqual({
      ok: true
    });
    expect(await counters.open('office-a', tags.slice(3, 4), now + 1000, limits)).toMatchObject({
      status: 507
    });
    // Opening the same tags again (a second tablet, a retry) is not a new tag.
    expect(await counters.open('office-a', tags.slice(0, 2), now + 5000, limits)).toEqual({
      ok: true
    });
    expect(await counters.open('office-b', tags.slice(3, 5), now + 1000, limits)).toEqual({
      ok: true
    });
    expect(await counters.open('office-c', tags.slice(5, 6), now + 1000, limits)).toMatchObject({
      status: 507
    });
    expect(await counters.ping(tags[2], now)).toBe(true);
    expect(await counters.ping(tags[2], now + 1000)).toBe(false); // expired: no longer counts
    expect(await counters.counts('office-a', tags, now + 1000)).toEqual({
      [tags[0]]: 0,
      [tags[1]]: 0
    });
    expect(await counters.purgeExpired(now + 1000)).toBe(3);
    expect(await counters.counts('office-a', tags, now)).toEqual({ [tags[0]]: 0, [tags[1]]: 0 });
    await store.close();
  });

  it('keeps no plaintext and no trace of who read: tags and counts only, no address, no time of a ping', async () => {
    process_ = await spawnRelay();
    const desk = keysOf(makeDevice(makeOffice()));
    const tags = [newReceiptTag(), newReceiptTag()];
    await openReceiptTags(process_.httpUrl, desk, tags, 3600);
    for (let i = 0; i < 5; i++) await ping(process_.httpUrl, tags[i % 2], `192.0.2.${i + 10}`);
    expect(await readReceiptCounts(process_.httpUrl, desk, tags)).toEqual({
      [tags[0]]: 3,
      [tags[1]]: 2
    });
    await process_.stop(); // checkpoints the WAL into the main file
    // PostgreSQL: the tables' files and the WAL (the cluster's config names its own address).
    const files = dataDirBytes(process_.dataDir).filter(
      ({ file }) => TEST_STORE === 'sqlite' || /^(base|pg_wal)\//.test(file)
    );
    const containing = (text: string) =>
      files.filter(({ bytes }) => bytes.includes(Buffer.from(utf8(text)))).map((f) => f.file);
    expect(containing(tags[0]).length).toBeGreaterThan(0); // positive control
    for (let i = 0; i < 5; i++) expect(containing(`192.0.2.${i + 10}`)).toEqual([]);
    expect(containing('127.0.0.1')).toEqual([]);
    // What a row is: nothing but the tag, the office's random id, the count and the expiry.
    expect(await receiptColumns(process_)).toEqual(['tag', 'office', 'count', 'expires']);
  });
});
