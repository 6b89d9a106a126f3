import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { encryptBlob, utf8 } from '../../src/lib/sync/crypto';
import { DeviceClient, makeBatch, makeDevice, makeOffice } from './device-client';
import { openBatch, randomOps } from './ops';
import {
  spawnRelay,
  storeCounts,
  tempDataDir,
  testStore,
  TEST_STORE,
  type RelayProcess
} from './relay-process';

const relays: RelayProcess[] = [];
afterAll(() => Promise.all(relays.map((relay) => relay.stop())));

/** `npm run relay -- migrate …` as an operator runs it: exit code and output. */
function migrateCli(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/relay/main.ts', 'migrate', ...args],
      {
        cwd: process.cwd(),
        stdio: ['ignore', 'pipe', 'pipe']
      }
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

// SQLite → PostgreSQL needs a PostgreSQL: in the postgres project only.
describe.skipIf(TEST_STORE !== 'postgres')('migration SQLite → PostgreSQL', () => {
  it('moves one office with one command, verified by counts and hashes; a relay on PostgreSQL serves it', async () => {
    const dataDir = tempDataDir();
    const sqlite = await spawnRelay({}, dataDir);
    relays.push(sqlite);
    const moving = makeOffice();
    const staying = makeOffice();
    const a = makeDevice(moving);
    const b = makeDevice(moving);
    const s = makeDevice(staying);
    const clientA = await DeviceClient.connect(sqlite.url, a);
    const clientS = await DeviceClient.connect(sqlite.url, s);
    for (let i = 0; i < 5; i++) {
      const { batch, body } = await makeBatch(a, randomOps(i * 20 + 1, 20));
      expect((await clientA.request({ t: 'push', batch }, body)).header.t).toBe('ack');
    }
    const piece = await encryptBlob(moving.key, moving.id, utf8('照片'));
    expect(
      (await clientA.request({ t: 'office-blob-put', id: 'ab'.repeat(32) }, piece)).header.t
    ).toBe('office-blob-stored');
    const { batch, body } = await makeBatch(s, randomOps(1, 5));
    expect((await clientS.request({ t: 'push', batch }, body)).header.t).toBe('ack');
    await Promise.all([clientA.close(), clientS.close()]);
    await sqlite.stop();

    const target = await testStore('postgres');
    const run = await migrateCli([
      '--from',
      dataDir,
      '--to',
      target.databaseUrl!,
      '--office',
      moving.id
    ]);
    expect(run.out).toContain('verified: counts and hashes match');
    expect(run.code).toBe(0);
    const counts = await storeCounts(target);
    expect(counts).toMatchObject({
      offices: 1,
      devices: 1,
      batches: 5,
      officeBlobs: 1,
      highs: 100
    });

    // Run again: nothing doubled, still verified.
    expect((await migrateCli(['--from', dataDir, '--to', target.databaseUrl!])).code).toBe(0);
    expect((await storeCounts(target)).batches).toBe(6); // now with the other office too

    // A tampered row in PostgreSQL is caught by the check.
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    await client.query("UPDATE batches SET sig = 'x' || sig WHERE office = $1 AND last = 20", [
      moving.id
    ]);
    await client.end();
    const tampered = await migrateCli([
      '--from',
      dataDir,
      '--to',
      target.databaseUrl!,
      '--office',
      moving.id
    ]);
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain('DIFF batches');
    const fix = new pg.Client({ connectionString: target.databaseUrl });
    await fix.connect();
    await fix.query('UPDATE batches SET sig = substr(sig, 2) WHERE office = $1 AND last = 20', [
      moving.id
    ]);
    await fix.end();

    // The office's devices carry on against a relay on PostgreSQL.
    const pgRelay = await spawnRelay({}, target);
    relays.push(pgRelay);
    const clientB = await DeviceClient.connect(pgRelay.url, b);
    expect(clientB.welcome!.vector[a.id]).toBe(100);
    const { batches } = await clientB.pull({});
    const ops = (await Promise.all(batches.map((reply) => openBatch(b, reply)))).flat();
    expect(ops.filter((op) => op.seq <= 100)).toHaveLength(100);
    const got = await clientB.request({ t: 'office-blob-get', id: 'ab'.repeat(32) });
    expect(got.header.t).toBe('office-blob');
    await clientB.close();
  });
});
