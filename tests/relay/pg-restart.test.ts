import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startPgCluster, type PgCluster } from '../../scripts/postgres-cluster';
import { DeviceClient, makeBatch, makeDevice, makeOffice, type Reply } from './device-client';
import { openBatch, randomOps } from './ops';
import { spawnRelay, storeCounts, TEST_STORE, type RelayProcess } from './relay-process';

// Issue 21 §1: "nothing is lost on a restart of PostgreSQL". Two relay processes on a cluster of
// this file's own (the suite's shared cluster serves the other files): PostgreSQL is shut down
// immediately (SIGQUIT, crash recovery at the next start) while a device pushes, and started
// again. The relays reconnect (pool and LISTEN), hold no more connections than before, every
// acknowledged batch is there, and live edits cross processes again.
let cluster: PgCluster;
let databaseUrl: string;
const relays: RelayProcess[] = [];

beforeAll(async () => {
  if (TEST_STORE !== 'postgres') return;
  cluster = await startPgCluster();
  databaseUrl = await cluster.createDatabase('relay_restart');
}, 60_000);
afterAll(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  await cluster?.stop();
});

/** The relays' connections to their database (this query's own excluded), and their LISTENers. */
async function connections(): Promise<{ all: number; listening: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ all: string; listening: string }>(
      `SELECT count(*) AS all, count(*) FILTER (WHERE query ILIKE 'LISTEN%') AS listening
       FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`
    );
    return { all: Number(rows[0].all), listening: Number(rows[0].listening) };
  } finally {
    await client.end();
  }
}

describe.skipIf(TEST_STORE !== 'postgres')('PostgreSQL restarts under two relay processes', () => {
  it('the relays reconnect, re-LISTEN, leak no connection, and lose nothing acknowledged', async () => {
    const target = { dataDir: cluster.dataDir, databaseUrl };
    relays.push(await spawnRelay({}, target));
    relays.push(await spawnRelay({}, target));
    const [p1, p2] = relays;
    const office = makeOffice();
    const a = makeDevice(office);
    const b = makeDevice(office);
    const PER = 50;
    const COUNT = 40;
    const batches: Awaited<ReturnType<typeof makeBatch>>[] = [];
    for (let i = 0; i < COUNT; i++) batches.push(await makeBatch(a, randomOps(i * PER + 1, PER)));

    let acked = 0;
    const pushFrom = async (client: DeviceClient, from: number, stopAt: number) => {
      const pending: Promise<Reply | undefined>[] = [];
      for (let i = from; i < stopAt; i++)
        pending.push(
          client
            .request({ t: 'push', batch: batches[i].batch }, batches[i].body)
            .catch(() => undefined)
        );
      for (const reply of pending) {
        const answer = await reply;
        if (answer?.header.t !== 'ack') return;
        acked = Math.max(acked, answer.header.have / PER);
      }
    };

    let clientA = await DeviceClient.connect(p1.url, a);
    let clientB = await DeviceClient.connect(p2.url, b);
    await pushFrom(clientA, 0, 10);
    await clientB.until(() => clientB.live.length === 10);
    // Pools fill as they are used; the count after use is the one that must not grow.
    const before = await connections();
    expect(before.listening).toBe(2);

    for (let round = 0; round < 2; round++) {
      // PostgreSQL dies while pushes are in flight, and comes back.
      const inFlight = pushFrom(clientA, acked, Math.min(COUNT, acked + 10));
      await cluster.crashAndRestart();
      await inFlight;
      // The bus of each process is back, and each process closed its device sessions so
      // that they pull what was announced while it was away.
      await Promise.all(
        [p1, p2].map((relay) =>
          relay.waitForLog(
            (line) =>
              line.event === 'bus-reconnected' &&
              relay.logs.filter((l) => l.event === 'bus-reconnected').length > round,
            30_000
          )
        )
      );
      await Promise.race([clientA.closed, clientA.close()]);
      await Promise.race([clientB.closed, clientB.close()]);
      clientA = await DeviceClient.connect(p1.url, a);
      clientB = await DeviceClient.connect(p2.url, b);
      // Everything acknowledged is on the relay.
      expect(clientA.welcome!.vector[a.id] ?? 0).toBeGreaterThanOrEqual(acked * PER);
      acked = (clientA.welcome!.vector[a.id] ?? 0) / PER;
    }

    // Live across processes again (the LISTEN is back), and the rest goes through.
    clientB.live.length = 0;
    const resumeAt = acked;
    await pushFrom(clientA, resumeAt, COUNT);
    expect(acked).toBe(COUNT);
    await clientB.until(() => clientB.live.length === COUNT - resumeAt);

    const { batches: pulled } = await clientB.pull({});
    const seqs = (await Promise.all(pulled.map((reply) => openBatch(b, reply))))
      .flat()
      .map((op) => op.seq);
    expect(new Set(seqs).size).toBe(COUNT * PER);
    expect((await storeCounts(target)).batches).toBe(COUNT);

    // No connection leaked across the two restarts: one LISTEN per process, the pools no fuller
    // than their size (10 each).
    const after = await connections();
    expect(after.listening).toBe(2);
    expect(after.all).toBeLessThanOrEqual(2 * (10 + 1));
    await Promise.all([clientA.close(), clientB.close()]);
  }, 180_000);
});
