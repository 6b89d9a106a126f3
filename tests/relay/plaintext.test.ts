import { afterAll, describe, expect, it } from 'vitest';
import { encryptBlob, utf8 } from '../../src/lib/sync/crypto';
import { DeviceClient, makeBatch, makeDevice, makeOffice } from './device-client';
import pg from 'pg';
import { dataDirBytes, spawnRelay, TEST_STORE, type RelayProcess } from './relay-process';

const PHONE = '13812345678';
const NAME = '张三丰';

let relay: RelayProcess | undefined;
afterAll(() => relay?.stop());

type Files = ReturnType<typeof dataDirBytes>;
function filesContaining(files: Files, needle: Uint8Array): string[] {
  return files.filter(({ bytes }) => bytes.includes(Buffer.from(needle))).map(({ file }) => file);
}

describe('what the relay stores', () => {
  it('holds no plaintext: the phone number and the name appear in no file of its data dir (SQLite: db, -wal; PostgreSQL: the cluster)', async () => {
    relay = await spawnRelay();
    const office = makeOffice();
    const a = makeDevice(office);
    const client = await DeviceClient.connect(relay.url, a);
    const ops = Array.from({ length: 50 }, (_, i) => ({
      seq: i + 1,
      field: i % 2 ? 'household.phone' : 'household.owner',
      value: i % 2 ? PHONE : `${NAME} 3-2-1101 报修：厨房漏水 ${PHONE}`
    }));
    const plain = utf8(JSON.stringify(ops));
    expect(Buffer.from(plain).includes(Buffer.from(PHONE))).toBe(true); // the search below can find what is there
    const { batch, body } = await makeBatch(a, ops);
    expect((await client.request({ t: 'push', batch }, body)).header.t).toBe('ack');
    const blob = await encryptBlob(office.key, office.id, utf8(`业主 ${NAME} 电话 ${PHONE}`));
    expect((await client.request({ t: 'blob-put', ttl: 3600 }, blob)).header.t).toBe('blob-stored');

    // Read once per check: on PostgreSQL the data dir is the suite's whole cluster (hundreds of
    // MB of WAL by this file), and reading it three times took over a minute at load 30.
    const check = () => {
      const files = dataDirBytes(relay!.dataDir);
      expect(filesContaining(files, utf8(PHONE))).toEqual([]);
      expect(filesContaining(files, utf8(NAME))).toEqual([]);
      // Positive control: the ciphertext itself is in the files we searched.
      expect(filesContaining(files, body.subarray(0, 32)).length).toBeGreaterThan(0);
    };
    if (TEST_STORE === 'sqlite')
      expect(dataDirBytes(relay.dataDir).map(({ file }) => file)).toContain('relay.sqlite-wal');
    check(); // while running: the batch sits in the -wal (PostgreSQL: pg_wal)
    await client.close();
    await relay.stop(); // clean stop checkpoints the WAL into the main file
    if (relay.databaseUrl) {
      // PostgreSQL: the tables' own files after a checkpoint, besides its WAL.
      const admin = new pg.Client({ connectionString: relay.databaseUrl });
      await admin.connect();
      await admin.query('CHECKPOINT');
      await admin.end();
    }
    check();
  }, 180_000);
});
