import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { fromUtf8, toBase64Url, utf8 } from '../sync/crypto/bytes';
import { decodeFormLink, decodeStatusLink, encodeStatusLink, type FormLink } from './form-link';
import { encodeFormLink } from './form-link-sign';
import { sealSubmission } from './outbox';
import { submissionEnvelopeSchema } from './payload';
import { inboxKeyPair, newStatusKey, openFromInbox, sealStatus } from './seal';
import { openStatusWeb, sealToInboxWeb } from './seal-web';

// The phone (WebCrypto) and the desk (@noble) agree on every byte (issue 16 §1, §3).

const office = ed25519.keygen();
const inbox = inboxKeyPair(office.secretKey);

function link(): FormLink {
  return {
    r: 'https://relay.example.cn',
    t: 'AAAAAAAAAAAAAAAAAAAAAA',
    i: toBase64Url(inbox.publicKey),
    o: toBase64Url(office.publicKey),
    l: 'link-1',
    n: '阳光花园 3号楼',
    k: ['repair', 'complaint'],
    a: { name: 'optional', phone: 'required' }
  };
}

describe('owner inbox sealing', () => {
  it('what a phone seals, only the office opens', async () => {
    const sealed = await sealToInboxWeb(inbox.publicKey, utf8('厨房漏水 13812345678'));
    expect(fromUtf8(openFromInbox(inbox, sealed))).toBe('厨房漏水 13812345678');
    expect(() => openFromInbox(inboxKeyPair(ed25519.keygen().secretKey), sealed)).toThrow();
    const altered = sealed.slice();
    altered[altered.length - 1] ^= 1;
    expect(() => openFromInbox(inbox, altered)).toThrow();
  });

  it('a sealed submission is the {v, type, at, data} envelope', async () => {
    const sealed = await sealSubmission(link().i, 'survey', { answers: [5, 4] }, 1000);
    const envelope = submissionEnvelopeSchema.parse(
      JSON.parse(fromUtf8(openFromInbox(inbox, sealed)))
    );
    expect(envelope).toEqual({ v: 1, type: 'survey', at: 1000, data: { answers: [5, 4] } });
  });

  it("a status update opens with the link's key and the office's signature only", async () => {
    const key = newStatusKey();
    const sealed = sealStatus('BBBBBBBBBBBBBBBBBBBBBB', key, utf8('done'), office.secretKey);
    const opened = await openStatusWeb('BBBBBBBBBBBBBBBBBBBBBB', key, sealed, office.publicKey);
    expect(fromUtf8(opened)).toBe('done');
    await expect(
      openStatusWeb('BBBBBBBBBBBBBBBBBBBBBB', key, sealed, ed25519.keygen().publicKey)
    ).rejects.toThrow();
    await expect(
      openStatusWeb('CCCCCCCCCCCCCCCCCCCCCC', key, sealed, office.publicKey)
    ).rejects.toThrow();
  });

  it('a form link is read only as the office signed it', async () => {
    const fragment = encodeFormLink(link(), office.secretKey);
    expect(await decodeFormLink(fragment)).toEqual(link());
    // Someone swaps the inbox key for their own and keeps the office's signing key: refused.
    const [prefix, body, sig] = fragment.split('.');
    const forged = JSON.parse(fromUtf8(Buffer.from(body, 'base64url')));
    forged.i = toBase64Url(inboxKeyPair(ed25519.keygen().secretKey).publicKey);
    const tampered = `${prefix}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${sig}`;
    expect(await decodeFormLink(tampered)).toBeUndefined();
    expect(await decodeFormLink(fragment.slice(0, -10))).toBeUndefined();
  });

  it('a status link round-trips', () => {
    const status = {
      ...link(),
      s: 'BBBBBBBBBBBBBBBBBBBBBB',
      k: toBase64Url(newStatusKey()),
      d: '厨房漏水',
      x: 'repair' as const
    };
    const { r, t, i, o, s, k, d, x } = status;
    expect(decodeStatusLink(encodeStatusLink({ r, t, i, o, s, k, d, x }))).toEqual({
      r,
      t,
      i,
      o,
      s,
      k,
      d,
      x
    });
    expect(decodeStatusLink('p1.garbage')).toBeUndefined();
  });
});

describe('the phone outbox', () => {
  it('keeps what cannot go, sends it later, one sending at a time', async () => {
    const { flush, queue, waiting } = await import('./outbox');
    const memory = new Map<string, string>();
    const store = {
      getItem: (k: string) => memory.get(k) ?? null,
      setItem: (k: string, v: string) => void memory.set(k, v)
    };
    const offline = (() => Promise.reject(new TypeError('offline'))) as typeof fetch;
    expect((await flush(store, offline)).size).toBe(0); // nothing waits
    queue(store, { id: 's1', relay: 'http://r', tag: 'AAAAAAAAAAAAAAAAAAAAAA', sealed: utf8('x') });
    expect((await flush(store, offline)).get('s1')).toBe('offline');
    expect(waiting(store)).toHaveLength(1);
    const sent: string[] = [];
    const online = ((url: string) => {
      sent.push(url);
      return Promise.resolve(new Response(null, { status: 201 }));
    }) as unknown as typeof fetch;
    // A flush asked for during a run waits for it and reports its results (outbox.ts): both
    // calls say s1 went, and it went once.
    const [first, second] = await Promise.all([flush(store, online), flush(store, online)]);
    expect(second).toEqual(first);
    expect(first.get('s1')).toBe('sent');
    expect(sent).toEqual(['http://r/o/AAAAAAAAAAAAAAAAAAAAAA']);
    expect(waiting(store)).toHaveLength(0);
  });
});
