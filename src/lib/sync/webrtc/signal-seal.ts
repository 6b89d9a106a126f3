import { z } from 'zod';
import {
  aesKey,
  concatBytes,
  encodeFields,
  fromBase64Url,
  fromUtf8,
  randomBytes,
  sha256,
  sign,
  toBase64Url,
  utf8,
  verify,
  verifyDeviceCertificate
} from '../crypto';
import { deviceCertificateSchema } from '../protocol';
import { currentKey, isRevoked, keyring, type OfficeKeys } from '../office-keys';

/**
 * WebRTC signalling travels through the relay, which passes `data` on as-is. So every
 * message is sealed here: encrypted with the office key (the relay sees no SDP, no LAN
 * addresses, no DTLS fingerprints) and signed with the sender's device key (another office
 * member cannot pose as a colleague, nor the relay forge or alter an offer). The signed SDP
 * carries the DTLS fingerprint, so the data channel that opens is end-to-end authenticated
 * to the device that signed it.
 */
export const signalBodySchema = z.discriminatedUnion('t', [
  /** "I have no channel to you": the lower id answers with an offer. */
  z.object({ t: z.literal('knock') }),
  z.object({ t: z.literal('offer'), s: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/), sdp: sdp() }),
  z.object({ t: z.literal('answer'), s: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/), sdp: sdp() })
]);
export type SignalBody = z.infer<typeof signalBodySchema>;

function sdp() {
  return z.string().min(1).max(32_768);
}

const id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const b64 = z.string().regex(/^[A-Za-z0-9_-]+$/);

/** What `api.signal(to, data)` carries: everything the relay may see is in the clear here. */
export const sealedSignalSchema = z.object({
  rtc: z.literal(1),
  from: id,
  to: id,
  epoch: z
    .number()
    .int()
    .min(1)
    .max(2 ** 31),
  /** Sender's clock, strictly rising per sender: receivers refuse a replayed knock or offer. */
  at: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  cert: deviceCertificateSchema,
  box: b64.max(65_536),
  sig: b64.max(128)
});
export type SealedSignal = z.infer<typeof sealedSignalSchema>;

export type SignalRefusal =
  | 'malformed'
  | 'wrong-recipient'
  | 'wrong-sender'
  | 'not-enrolled'
  | 'revoked'
  | 'bad-signature'
  | 'unknown-epoch'
  | 'decrypt';

export class SignalRefused extends Error {
  constructor(
    readonly reason: SignalRefusal,
    message: string = reason
  ) {
    super(message);
  }
}

export interface OpenedSignal {
  from: string;
  at: number;
  body: SignalBody;
}

const IV_LENGTH = 12;

function additionalData(office: string, from: string, to: string, epoch: number, at: number) {
  return encodeFields('guanjia/rtc-signal-aad/v1', office, from, to, epoch, at);
}

function signedMessage(office: string, s: Omit<SealedSignal, 'sig' | 'cert' | 'rtc'>) {
  return encodeFields(
    'guanjia/rtc-signal/v1',
    office,
    s.from,
    s.to,
    s.epoch,
    s.at,
    sha256(fromBase64Url(s.box))
  );
}

export async function sealSignal(
  keys: OfficeKeys,
  to: string,
  body: SignalBody,
  at: number
): Promise<SealedSignal> {
  const key = currentKey(keys);
  const iv = randomBytes(IV_LENGTH);
  const ciphertext = await globalThis.crypto.subtle.encrypt(
    {
      name: 'AES-GCM',
      iv: iv as BufferSource,
      additionalData: additionalData(keys.office, keys.device, to, key.epoch, at) as BufferSource
    },
    await aesKey(key.raw),
    utf8(JSON.stringify(body)) as BufferSource
  );
  const unsigned = {
    from: keys.device,
    to,
    epoch: key.epoch,
    at,
    box: toBase64Url(concatBytes(iv, new Uint8Array(ciphertext)))
  };
  const sig = toBase64Url(sign(signedMessage(keys.office, unsigned), keys.deviceSecret));
  return { rtc: 1, ...unsigned, cert: keys.cert, sig };
}

/**
 * Verify and decrypt a signal that the relay says came from `relayFrom`. Throws
 * `SignalRefused` for anything not sealed by an enrolled, unrevoked device of this office
 * for this device, or altered on the way.
 */
export async function openSignal(
  keys: OfficeKeys,
  relayFrom: string,
  data: unknown
): Promise<OpenedSignal> {
  const parsed = sealedSignalSchema.safeParse(data);
  if (!parsed.success) throw new SignalRefused('malformed', parsed.error.message);
  const s = parsed.data;
  if (s.to !== keys.device) throw new SignalRefused('wrong-recipient');
  if (s.from !== relayFrom) throw new SignalRefused('wrong-sender');
  if (s.cert.device !== s.from || !verifyDeviceCertificate(keys.officePublic, keys.office, s.cert))
    throw new SignalRefused('not-enrolled');
  if (isRevoked(keys, s.from)) throw new SignalRefused('revoked');
  let box: Uint8Array;
  let signature: Uint8Array;
  let devicePublic: Uint8Array;
  try {
    box = fromBase64Url(s.box);
    signature = fromBase64Url(s.sig);
    devicePublic = fromBase64Url(s.cert.key);
  } catch {
    throw new SignalRefused('malformed', 'not base64url');
  }
  if (!verify(signature, signedMessage(keys.office, s), devicePublic))
    throw new SignalRefused('bad-signature');
  const raw = keyring(keys).get(s.epoch);
  if (!raw) throw new SignalRefused('unknown-epoch', `no office key for epoch ${s.epoch}`);
  if (box.length < IV_LENGTH + 16) throw new SignalRefused('decrypt', 'box too short');
  let plaintext: Uint8Array;
  try {
    plaintext = new Uint8Array(
      await globalThis.crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: box.subarray(0, IV_LENGTH) as BufferSource,
          additionalData: additionalData(keys.office, s.from, s.to, s.epoch, s.at) as BufferSource
        },
        await aesKey(raw),
        box.subarray(IV_LENGTH) as BufferSource
      )
    );
  } catch {
    throw new SignalRefused('decrypt');
  }
  let json: unknown;
  try {
    json = JSON.parse(fromUtf8(plaintext));
  } catch {
    throw new SignalRefused('malformed', 'body is not JSON');
  }
  const body = signalBodySchema.safeParse(json);
  if (!body.success) throw new SignalRefused('malformed', body.error.message);
  return { from: s.from, at: s.at, body: body.data };
}
