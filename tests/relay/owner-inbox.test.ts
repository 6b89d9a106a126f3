import { afterEach, describe, expect, it } from 'vitest';
import { startRelay, type RunningRelay } from '../../src/relay';
import { DEFAULT_INBOX_LIMITS, OwnerInboxDesk } from '../../src/relay/owner-inbox';
import {
  InboxError,
  deleteFromInbox,
  listInbox,
  openLinkTags,
  publishStatus
} from '../../src/lib/owner-inbox/client';
import { fetchStatus, sendSealed } from '../../src/lib/owner-inbox/phone';
import {
  inboxKeyPair,
  newStatusKey,
  openFromInbox,
  openStatus,
  sealStatus,
  sealToInbox
} from '../../src/lib/owner-inbox/seal';
import { randomBytes, toBase64Url, utf8, fromUtf8 } from '../../src/lib/sync/crypto/bytes';
import { makeDevice, makeOffice, type TestDevice } from './device-client';
import { storeFiles, testStore } from './relay-process';

// The owner → office inbox (src/relay/owner-inbox.ts, issue 16): sealed submissions on open
// link tags, fetched and deleted by the office; sealed status updates read by the status link.

let relay: RunningRelay | undefined;
afterEach(async () => {
  await relay?.close();
  relay = undefined;
});

function keysOf(device: TestDevice) {
  return {
    officeId: device.office.id,
    office: device.office.signing,
    device: { id: device.id, signing: device.signing, cert: device.cert }
  };
}

const tag = () => toBase64Url(randomBytes(16));

describe('owner inbox on the relay', () => {
  it('keeps sealed submissions on open tags only, hands them to the office, deletes on request', async () => {
    const target = await testStore();
    relay = await startRelay({ port: 0, ...target, log: () => undefined });
    const office = makeOffice();
    const desk = keysOf(makeDevice(office));
    const inbox = inboxKeyPair(office.signing.secretKey);
    const poster = tag();
    await openLinkTags(relay.httpUrl, desk, [poster], 3600);

    const secret = '业主张三 13812345678 厨房水管漏水';
    const sealed = sealToInbox(inbox.publicKey, utf8(secret));
    expect(await sendSealed(relay.httpUrl, poster, sealed)).toBe('sent');
    expect(await sendSealed(relay.httpUrl, tag(), sealed)).toBe('refused'); // not open

    const items = await listInbox(relay.httpUrl, desk);
    expect(items).toHaveLength(1);
    expect(items[0].tag).toBe(poster);
    expect(fromUtf8(openFromInbox(inbox, items[0].body))).toBe(secret);

    // Another office cannot list it, nor delete it.
    const stranger = keysOf(makeDevice(makeOffice()));
    expect(await listInbox(relay.httpUrl, stranger)).toEqual([]);
    await deleteFromInbox(relay.httpUrl, stranger, [items[0].id]);
    expect(await listInbox(relay.httpUrl, desk)).toHaveLength(1);

    // The relay's files never hold the words.
    for (const { bytes } of await storeFiles(target)) {
      for (const word of ['13812345678', '张三', '漏水'])
        expect(bytes.includes(Buffer.from(word))).toBe(false);
    }

    await deleteFromInbox(relay.httpUrl, desk, [items[0].id]);
    expect(await listInbox(relay.httpUrl, desk)).toEqual([]);
  });

  it('refuses a device the office did not certify', async () => {
    relay = await startRelay({ port: 0, ...(await testStore()), log: () => undefined });
    const office = makeOffice();
    const forged = { ...keysOf(makeDevice(office)), office: makeOffice().signing };
    await expect(listInbox(relay.httpUrl, forged)).rejects.toBeInstanceOf(InboxError);
  });

  it('publishes a signed, sealed status only the status key reads; an older one never replaces it', async () => {
    relay = await startRelay({ port: 0, ...(await testStore()), log: () => undefined });
    const office = makeOffice();
    const desk = keysOf(makeDevice(office));
    const id = tag();
    const key = newStatusKey();
    expect(await fetchStatus(relay.httpUrl, id)).toBeUndefined();
    const now = Date.now();
    const later = sealStatus(id, key, utf8('dispatched'), office.signing.secretKey);
    const earlier = sealStatus(id, key, utf8('received'), office.signing.secretKey);
    await publishStatus(relay.httpUrl, desk, id, later, 3600, fetch);
    const { signedInboxRequest } = await import('../../src/lib/owner-inbox/client');
    const old = signedInboxRequest(desk, 'status', [id], {
      ttl: 3600,
      body: earlier,
      at: now - 60_000
    });
    await fetch(`${relay.httpUrl}/o`, { method: 'POST', body: JSON.stringify(old) });
    const got = await fetchStatus(relay.httpUrl, id);
    expect(got).toBeDefined();
    expect(fromUtf8(openStatus(id, key, got!, office.signing.publicKey))).toBe('dispatched');
    expect(() => openStatus(id, newStatusKey(), got!, office.signing.publicKey)).toThrow();
    expect(() => openStatus(id, key, got!, makeOffice().signing.publicKey)).toThrow();
  });

  it('limits submissions per link and their size', async () => {
    relay = await startRelay({ port: 0, ...(await testStore()), log: () => undefined });
    const office = makeOffice();
    const desk = keysOf(makeDevice(office));
    const inbox = inboxKeyPair(office.signing.secretKey);
    const poster = tag();
    await openLinkTags(relay.httpUrl, desk, [poster], 3600);
    const big = sealToInbox(
      inbox.publicKey,
      new Uint8Array(DEFAULT_INBOX_LIMITS.maxSubmissionBytes)
    );
    expect(await sendSealed(relay.httpUrl, poster, big)).toBe('refused');
    const small = sealToInbox(inbox.publicKey, utf8('x'));
    const results: string[] = [];
    for (let i = 0; i < DEFAULT_INBOX_LIMITS.perAddressBurst + 2; i++)
      results.push(await sendSealed(relay.httpUrl, poster, small));
    expect(results.filter((r) => r === 'sent')).toHaveLength(
      DEFAULT_INBOX_LIMITS.perAddressBurst - 1
    );
    expect(results.at(-1)).toBe('busy');
    expect(OwnerInboxDesk).toBeDefined();
  });
});

describe('long poll', () => {
  it('an empty list waits until a submission arrives', async () => {
    relay = await startRelay({ port: 0, ...(await testStore()), log: () => undefined });
    const office = makeOffice();
    const desk = keysOf(makeDevice(office));
    const inbox = inboxKeyPair(office.signing.secretKey);
    const poster = tag();
    await openLinkTags(relay.httpUrl, desk, [poster], 3600);
    const waiting = listInbox(relay.httpUrl, desk, fetch, 20);
    let settled = false;
    void waiting.then(() => (settled = true));
    // The list is still open (nothing to hand out) until the phone sends.
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    expect(await sendSealed(relay.httpUrl, poster, sealToInbox(inbox.publicKey, utf8('hi')))).toBe(
      'sent'
    );
    const items = await waiting;
    expect(items).toHaveLength(1);
  });
});
