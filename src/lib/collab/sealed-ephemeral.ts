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
} from '$lib/sync/crypto';
import { deviceCertificateSchema } from '$lib/sync/protocol';
import { currentKey, isRevoked, keyring, type OfficeKeys } from '$lib/sync/office-keys';

/**
 * An ephemeral message about an open document (awareness: who is in it, where their cursor
 * is) to the office's other devices, carried by the relay's signalling (`api.signal`). The
 * relay passes `data` on as-is, so, as WebRTC signalling does (sync/webrtc/signal-seal.ts), it
 * is encrypted with the office key (the relay sees neither staff ids nor which shift is open)
 * and signed with the sender's device key (a relay or a removed tablet cannot forge or alter
 * a colleague's cursor). Sealed once for the whole office, not per recipient: its content is
 * meant for every device of the office, and the relay vouches for nothing.
 */
const id = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const b64 = z.string().regex(/^[A-Za-z0-9_-]+$/);

/** What travels in the clear: enough to find the key and check the signature. */
export const sealedEphemeralSchema = z.object({
  eph: z.literal(1),
  from: id,
  /** The sending tab: `at` rises per tab (several tabs of one tablet each send their own). */
  tab: id,
  epoch: z
    .number()
    .int()
    .min(1)
    .max(2 ** 31),
  at: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  cert: deviceCertificateSchema,
  box: b64.max(65_536),
  sig: b64.max(128)
});
export type SealedEphemeral = z.infer<typeof sealedEphemeralSchema>;

/** Inside the box: the document (`shift/<id>`) and a y-protocols awareness update. */
export const ephemeralBodySchema = z.object({
  d: z.string().min(1).max(200),
  u: b64.max(32_768)
});
export interface EphemeralBody {
  doc: string;
  update: Uint8Array;
}

export type EphemeralRefusal =
  | 'malformed'
  | 'wrong-sender'
  | 'not-enrolled'
  | 'revoked'
  | 'bad-signature'
  | 'unknown-epoch'
  | 'decrypt';

export class EphemeralRefused extends Error {
  constructor(
    readonly reason: EphemeralRefusal,
    message: string = reason
  ) {
    super(message);
  }
}

/** True for data that claims to be one of these (the rest of the relay's signals are not ours). */
export function isSealedEphemeral(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { eph?: unknown }).eph === 1;
}

const IV_LENGTH = 12;

function additionalData(office: string, from: string, tab: string, epoch: number, at: number) {
  return encodeFields('guanjia/collab-ephemeral-aad/v1', office, from, tab, epoch, at);
}

function signedMessage(office: string, s: Omit<SealedEphemeral, 'sig' | 'cert' | 'eph'>) {
  return encodeFields(
    'guanjia/collab-ephemeral/v1',
    office,
    s.from,
    s.tab,
    s.epoch,
    s.at,
    sha256(fromBase64Url(s.box))
  );
}

export async function sealEphemeral(
  keys: OfficeKeys,
  tab: string,
  body: EphemeralBody,
  at: number
): Promise<SealedEphemeral> {
  const key = currentKey(keys);
  const iv = randomBytes(IV_LENGTH);
  const plain = JSON.stringify({ d: body.doc, u: toBase64Url(body.update) });
  const ciphertext = await globalThis.crypto.subtle.encrypt(
    {
      name: 'AES-GCM',
      iv: iv as BufferSource,
      additionalData: additionalData(keys.office, keys.device, tab, key.epoch, at) as BufferSource
    },
    await aesKey(key.raw),
    utf8(plain) as BufferSource
  );
  const unsigned = {
    from: keys.device,
    tab,
    epoch: key.epoch,
    at,
    box: toBase64Url(concatBytes(iv, new Uint8Array(ciphertext)))
  };
  const sig = toBase64Url(sign(signedMessage(keys.office, unsigned), keys.deviceSecret));
  return { eph: 1, ...unsigned, cert: keys.cert, sig };
}

export interface OpenedEphemeral {
  from: string;
  tab: string;
  at: number;
  body: EphemeralBody;
}

/**
 * Verify and decrypt what the relay says came from `relayFrom`. Throws `EphemeralRefused`
 * for anything not sealed by an enrolled, unrevoked device of this office, or altered.
 */
export async function openEphemeral(
  keys: OfficeKeys,
  relayFrom: string,
  data: unknown
): Promise<OpenedEphemeral> {
  const parsed = sealedEphemeralSchema.safeParse(data);
  if (!parsed.success) throw new EphemeralRefused('malformed', parsed.error.message);
  const s = parsed.data;
  if (s.from !== relayFrom) throw new EphemeralRefused('wrong-sender');
  if (s.cert.device !== s.from || !verifyDeviceCertificate(keys.officePublic, keys.office, s.cert))
    throw new EphemeralRefused('not-enrolled');
  if (isRevoked(keys, s.from)) throw new EphemeralRefused('revoked');
  let box: Uint8Array;
  let signature: Uint8Array;
  let devicePublic: Uint8Array;
  try {
    box = fromBase64Url(s.box);
    signature = fromBase64Url(s.sig);
    devicePublic = fromBase64Url(s.cert.key);
  } catch {
    throw new EphemeralRefused('malformed', 'not base64url');
  }
  if (!verify(signature, signedMessage(keys.office, s), devicePublic))
    throw new EphemeralRefused('bad-signature');
  const raw = keyring(keys).get(s.epoch);
  if (!raw) throw new EphemeralRefused('unknown-epoch', `no office key for epoch ${s.epoch}`);
  if (box.length < IV_LENGTH + 16) throw new EphemeralRefused('decrypt', 'box too short');
  let plaintext: Uint8Array;
  try {
    plaintext = new Uint8Array(
      await globalThis.crypto.subtle.decrypt(
        {
          name: 'AES-GCM',
          iv: box.subarray(0, IV_LENGTH) as BufferSource,
          additionalData: additionalData(keys.office, s.from, s.tab, s.epoch, s.at) as BufferSource
        },
        await aesKey(raw),
        box.subarray(IV_LENGTH) as BufferSource
      )
    );
  } catch {
    throw new EphemeralRefused('decrypt');
  }
  let json: unknown;
  try {
    json = JSON.parse(fromUtf8(plaintext));
  } catch {
    throw new EphemeralRefused('malformed', 'body is not JSON');
  }
  const body = ephemeralBodySchema.safeParse(json);
  if (!body.success) throw new EphemeralRefused('malformed', body.error.message);
  let update: Uint8Array;
  try {
    update = fromBase64Url(body.data.u);
  } catch {
    throw new EphemeralRefused('malformed', 'update not base64url');
  }
  return { from: s.from, tab: s.tab, at: s.at, body: { doc: body.data.d, update } };
}
