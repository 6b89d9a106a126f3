import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeSignedFrame } from '../../src/lib/sync/protocol';
import {
  generateSigningKeyPair,
  randomBytes,
  signRevocationList,
  toBase64Url,
  utf8
} from '../../src/lib/sync/crypto';
import {
  DeviceClient,
  makeBatch,
  makeDevice,
  makeOffice,
  type TestDevice,
  type TestOffice
} from './device-client';
import { randomOps } from './ops';
import { spawnRelay, storeCounts, type RelayProcess } from './relay-process';

const MAX_BODY = 64 * 1024;
let relay: RelayProcess;
let office: TestOffice;
let a: TestDevice;
let client: DeviceClient;

beforeAll(async () => {
  relay = await spawnRelay({ RELAY_MAX_BODY_BYTES: String(MAX_BODY) });
  office = makeOffice();
  a = makeDevice(office);
  // Some state to protect: one batch stored.
  const seed = await DeviceClient.connect(relay.url, a);
  const { batch, body } = await makeBatch(a, randomOps(1, 10));
  await seed.request({ t: 'push', batch }, body);
  await seed.close();
});
afterAll(() => relay?.stop());
beforeEach(async () => {
  client = await DeviceClient.connect(relay.url, a);
  return () => void client.close();
});

/** Runs `attempt`, then demands the relay logged a rejection with `code` and the store did not change. */
async function expectRejected(code: string, attempt: () => Promise<unknown>): Promise<void> {
  const before = await storeCounts(relay);
  const logged = relay.logs.length;
  await attempt();
  const line = await relay.waitForLog(
    (l) => relay.logs.indexOf(l) >= logged && l.event === 'reject' && l.code === code
  );
  expect(line.reason).toBeTruthy();
  expect(await storeCounts(relay)).toEqual(before);
}

async function nextBatch(device: TestDevice, first: number, count = 5) {
  return makeBatch(device, randomOps(first, count));
}

describe('the relay rejects, logs the reason, and changes nothing', () => {
  it('malformed: random bytes, a truncated frame, bad JSON, a text frame, a schema violation', async () => {
    await expectRejected('malformed', async () =>
      expect((await client.sendRaw(randomBytes(10))).code).toBe('malformed')
    );
    const good = client.frame({ t: 'pull', vector: {} }); // auth kind, 16-byte MAC, length, JSON
    await expectRejected('malformed', async () =>
      expect((await client.sendRaw(good.subarray(0, 20))).code).toBe('malformed')
    );
    const badJson = good.slice();
    badJson.set(utf8('{oops'), 18);
    await expectRejected('malformed', async () =>
      expect((await client.sendRaw(badJson)).code).toBe('malformed')
    );
    await expectRejected('malformed', async () =>
      expect((await client.sendRaw('{"t":"pull"}')).code).toBe('malformed')
    );
    const { batch, body } = await nextBatch(a, 11);
    const inverted = { ...batch, first: batch.last + 1 };
    await expectRejected('malformed', async () =>
      expect((await client.request({ t: 'push', batch: inverted }, body)).header).toMatchObject({
        code: 'malformed'
      })
    );
  });

  it('oversized: a batch above the body limit', async () => {
    const { batch, body } = await nextBatch(a, 11, 2000); // ~100 KiB of ciphertext > 64 KiB
    expect(body.length).toBeGreaterThan(MAX_BODY);
    await expectRejected('too-large', async () =>
      expect((await client.request({ t: 'push', batch }, body)).header).toMatchObject({
        code: 'too-large'
      })
    );
  });

  it('replayed: the same signed frame twice in a session, or in another session', async () => {
    const { batch, body } = await nextBatch(a, 11);
    const pushed = client.request({ t: 'push', batch }, body);
    expect((await pushed).header).toMatchObject({ t: 'ack', have: 15 });
    await expectRejected('replay', async () =>
      expect((await client.sendRaw(pushed.frame)).code).toBe('replay')
    );
    expect((await client.closed).reason).toBe('replay');
    // Captured frame replayed into a fresh session: signed over another challenge, so forged there.
    const other = await DeviceClient.connect(relay.url, a);
    const next = await nextBatch(a, 16);
    const captured = other.frame({ t: 'push', batch: next.batch }, next.body);
    const third = await DeviceClient.connect(relay.url, a);
    await expectRejected('bad-signature', async () =>
      expect((await third.sendRaw(captured)).code).toBe('bad-signature')
    );
    await other.close();
  });

  it('forged: a frame signed with another key, a batch signed by someone else, a hello with a stolen certificate', async () => {
    const thief = generateSigningKeyPair();
    const { batch, body } = await nextBatch(a, 16);
    const forgedFrame = client.frame({ t: 'push', batch }, body, thief.secretKey);
    await expectRejected('bad-signature', async () =>
      expect((await client.sendRaw(forgedFrame)).code).toBe('bad-signature')
    );

    const honest = await DeviceClient.connect(relay.url, a);
    const forgedBatch = await makeBatch({ ...a, signing: thief }, randomOps(16, 5));
    await expectRejected('bad-signature', async () =>
      expect(
        (await honest.request({ t: 'push', batch: forgedBatch.batch }, forgedBatch.body)).header
      ).toMatchObject({ code: 'bad-signature' })
    );

    const impostor = await DeviceClient.open(relay.url, a);
    await expectRejected('bad-signature', async () =>
      expect((await impostor.hello({}, thief.secretKey)).header).toMatchObject({
        code: 'bad-signature'
      })
    );
  });

  it('another office: its device, a self-made certificate, or an office id not derived from the key', async () => {
    const elsewhere = makeOffice();
    const stranger = makeDevice(elsewhere);
    // The stranger claims our office but holds a certificate from its own office.
    const intruder: TestDevice = {
      ...stranger,
      office: { ...elsewhere, id: office.id, signing: office.signing }
    };
    const c1 = await DeviceClient.open(relay.url, intruder);
    await expectRejected('not-enrolled', async () =>
      expect((await c1.hello()).header).toMatchObject({ code: 'not-enrolled' })
    );

    const squatter = await DeviceClient.open(relay.url, {
      ...stranger,
      office: { ...elsewhere, id: office.id }
    });
    await expectRejected('wrong-office', async () =>
      expect((await squatter.hello()).header).toMatchObject({ code: 'wrong-office' })
    );

    // A device of protocol version 1: refused with the reason, before anything else.
    const old = await DeviceClient.open(relay.url, a);
    const oldHello = {
      t: 'hello',
      n: 0,
      v: 1,
      office: office.id,
      device: a.id,
      officeKey: toBase64Url(office.signing.publicKey),
      cert: a.cert
    } as unknown as Parameters<typeof encodeSignedFrame>[0];
    await expectRejected('malformed', async () =>
      expect(
        (
          await old.sendRaw(
            encodeSignedFrame(oldHello, new Uint8Array(0), old.nonce, a.signing.secretKey)
          )
        ).message
      ).toMatch(/protocol version 1 not supported/)
    );

    const notYet = await DeviceClient.open(relay.url, a);
    await expectRejected('not-authenticated', async () =>
      expect(
        (
          await notYet.sendRaw(
            encodeSignedFrame(
              { t: 'pull', n: 1, vector: {} },
              new Uint8Array(0),
              notYet.nonce,
              a.signing.secretKey
            )
          )
        ).code
      ).toBe('not-authenticated')
    );
  });

  it('revoked: the device is cut off at once and can no longer connect; other devices carry on', async () => {
    const lost = makeDevice(office);
    const lostClient = await DeviceClient.connect(relay.url, lost);
    const { batch, body } = await nextBatch(lost, 1);
    expect((await lostClient.request({ t: 'push', batch }, body)).header.t).toBe('ack');

    const revocation = signRevocationList(office.signing.secretKey, office.id, 1, [lost.id]);
    expect((await client.request({ t: 'revoke', revocation })).header).toMatchObject({ t: 'ok' });
    expect((await lostClient.closed).reason).toBe('revoked');

    await expectRejected('revoked', async () =>
      expect(
        (await DeviceClient.open(relay.url, lost).then((c) => c.hello())).header
      ).toMatchObject({ code: 'revoked' })
    );
    // A stale or forged list is refused too.
    await expectRejected('stale-revocation', async () =>
      expect(
        (
          await client.request({
            t: 'revoke',
            revocation: signRevocationList(office.signing.secretKey, office.id, 1, [])
          })
        ).header
      ).toMatchObject({
        code: 'stale-revocation'
      })
    );
    const forged = {
      ...signRevocationList(generateSigningKeyPair().secretKey, office.id, 2, []),
      version: 2
    };
    const other = await DeviceClient.connect(relay.url, a);
    await expectRejected('bad-signature', async () =>
      expect((await other.request({ t: 'revoke', revocation: forged })).header).toMatchObject({
        code: 'bad-signature'
      })
    );
    expect(toBase64Url(office.signing.publicKey)).toBeTruthy();
  });
});
