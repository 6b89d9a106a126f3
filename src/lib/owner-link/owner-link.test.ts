import { describe, expect, it } from 'vitest';
import { deflateSync } from 'fflate';
import { generateSigningKeyPair, sign } from '$lib/sync/crypto/signing';
import { sha256 } from '$lib/sync/crypto/hash';
import { concatBytes, toHex, utf8 } from '$lib/sync/crypto/bytes';
import { fingerprintOf, sealShortLink, shortFragment, signNotice, signedFragment } from './encode';
import { ShortLinkError, parseShortLink, readFragment, readShortLink } from './decode';
import { signedMessage } from './link-format';
import type { OwnerNotice } from './payload';
import { relayHttpUrl, relaySocketUrl } from './relay-put';
import { splitReceiptTag, withReceiptTag } from './receipt-format';
import { newReceiptTag } from './receipts-client';

const notice: OwnerNotice = {
  v: 1,
  id: '0192f0a4-0000-7000-8000-000000000001',
  office: '锦绣物业服务中心',
  department: '客户服务部',
  community: '锦绣花园',
  kind: 'pestControl',
  title: '消杀通知',
  body: '尊敬的业主：本周一上午10:00对小区公共区域进行消杀作业，请关好门窗，看管好儿童和宠物。',
  startsAt: 1_795_000_000_000,
  audience: '全体业主',
  publishedAt: 1_794_900_000_000,
  zone: 'Asia/Shanghai'
};

const office = generateSigningKeyPair();

describe('signed notice links', () => {
  it('round-trip and show the key fingerprint', async () => {
    const fragment = signedFragment(signNotice(notice, office.secretKey));
    const read = await readFragment(`#${fragment}`);
    expect(read).toEqual({
      status: 'verified',
      notice,
      fingerprint: fingerprintOf(office.publicKey)
    });
  });

  it('a stranger’s link that inflates past a notice’s bound reads as altered (no zip bomb)', async () => {
    // Signed by the stranger's own key (a link carries its key): only the bound stops it.
    const stranger = generateSigningKeyPair();
    const bomb = deflateSync(utf8(JSON.stringify({ ...notice, body: '消'.repeat(2_000_000) })), {
      level: 9
    });
    expect(bomb.length).toBeLessThan(64 * 1024);
    const signed = concatBytes(
      stranger.publicKey,
      sign(signedMessage(bomb), stranger.secretKey),
      bomb
    );
    expect((await readFragment(signedFragment(signed))).status).toBe('altered');
    // A notice under the bound from the same stranger's key reads (the bound is what refused).
    const fine = signedFragment(signNotice(notice, stranger.secretKey));
    expect((await readFragment(fine)).status).toBe('verified');
  });

  it('any one changed character reads as altered, never as another notice', async () => {
    const fragment = signedFragment(signNotice(notice, office.secretKey));
    const positions = [3, 20, 60, 140, Math.floor(fragment.length / 2), fragment.length - 2];
    for (const i of positions) {
      const swapped = fragment[i] === 'A' ? 'B' : 'A';
      const tampered = fragment.slice(0, i) + swapped + fragment.slice(i + 1);
      expect((await readFragment(tampered)).status).toBe('altered');
    }
    expect((await readFragment(fragment.slice(0, -10))).status).toBe('altered');
    expect(await readFragment('')).toEqual({ status: 'empty' });
    expect((await readFragment('hello')).status).toBe('altered');
  });

  it('a 3,000-character notice is far longer than a chat app keeps', () => {
    // Varied text, as a real notice is: repeated text would compress to nothing.
    const body = Array.from({ length: 3000 }, (_, i) =>
      String.fromCharCode(0x4e00 + ((i * 7919) % 6000))
    ).join('');
    const long = { ...notice, body };
    const fragment = signedFragment(signNotice(long, office.secretKey));
    expect(fragment.length).toBeGreaterThan(2000);
  });
});

describe('short links', () => {
  it('decrypt what the relay holds and verify it; tampering and absence are told apart', async () => {
    const signed = signNotice(notice, office.secretKey);
    const { ciphertext, key } = await sealShortLink(signed);
    const hash = toHex(sha256(ciphertext));
    const fragment = shortFragment('http://127.0.0.1:8787', hash, key);
    expect(fragment.length).toBeLessThan(200);
    const link = parseShortLink(fragment);
    if (!link) throw new Error('unparsed');
    const served = (body: Uint8Array | null, status = 200) =>
      (async () => new Response(body as BodyInit | null, { status })) as unknown as typeof fetch;

    expect((await readShortLink(link, served(ciphertext))).status).toBe('verified');
    const flipped = ciphertext.slice();
    flipped[40] ^= 1;
    expect((await readShortLink(link, served(flipped))).status).toBe('altered');
    await expect(readShortLink(link, served(null, 404))).rejects.toThrow(ShortLinkError);
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(readShortLink(link, offline)).rejects.toMatchObject({ problem: 'unreachable' });
  });

  it('relay addresses as the desk types them', () => {
    expect(relaySocketUrl('relay.example.cn')).toBe('wss://relay.example.cn/v1');
    expect(relaySocketUrl('http://127.0.0.1:8787')).toBe('ws://127.0.0.1:8787/v1');
    expect(relayHttpUrl('wss://relay.example.cn/v1')).toBe('https://relay.example.cn');
    expect(relayHttpUrl('ws://127.0.0.1:8787/v1')).toBe('http://127.0.0.1:8787');
  });
});

describe('receipt tags after the signed part', () => {
  it('split off before verifying, for direct and short links; anything else is not a tag', async () => {
    const fragment = signedFragment(signNotice(notice, office.secretKey));
    const tag = newReceiptTag();
    const tagged = withReceiptTag(fragment, tag);
    expect(splitReceiptTag(tagged)).toEqual({ fragment, tag });
    expect((await readFragment(splitReceiptTag(tagged).fragment)).status).toBe('verified');
    expect(splitReceiptTag(fragment)).toEqual({ fragment });

    const short = shortFragment('http://127.0.0.1:8787', 'ab'.repeat(32), new Uint8Array(16));
    expect(splitReceiptTag(withReceiptTag(short, tag))).toEqual({ fragment: short, tag });
    expect(splitReceiptTag(short)).toEqual({ fragment: short });

    // Not a tag: left in place, so the signature check fails on it.
    const odd = `${fragment}.not-a-tag`;
    expect(splitReceiptTag(odd)).toEqual({ fragment: odd });
    expect((await readFragment(odd)).status).toBe('altered');
  });
});
