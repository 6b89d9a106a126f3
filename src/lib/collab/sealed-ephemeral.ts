import { z } from 'zod';
import { fromBase64Url, toBase64Url, utf8 } from '$lib/sync/crypto';
import type { OfficeKeys } from '$lib/sync/office-keys';
import {
  SealRefused,
  officeSealFields,
  openFromOffice,
  sealForOffice,
  sealIdSchema,
  sealedJson
} from '$lib/sync/office-seal';

/**
 * An ephemeral message about an open document (awareness: who is in it, where their cursor
 * is) to the office's other devices, carried by the relay's signalling (`api.signal`). The
 * relay passes `data` on as-is, so, as WebRTC signalling does (sync/webrtc/signal-seal.ts), it
 * is encrypted with the office key (the relay sees neither staff ids nor which shift is open)
 * and signed with the sender's device key (a relay or a removed tablet cannot forge or alter
 * a colleague's cursor). Sealed once for the whole office, not per recipient: its content is
 * meant for every device of the office, and the relay vouches for nothing.
 */
const b64 = z.string().regex(/^[A-Za-z0-9_-]+$/);

/** What travels in the clear: enough to find the key and check the signature. */
export const sealedEphemeralSchema = z.object({
  eph: z.literal(1),
  /** The sending tab: `at` rises per tab (several tabs of one tablet each send their own). */
  tab: sealIdSchema,
  ...officeSealFields
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

const labels = {
  aad: 'guanjia/collab-ephemeral-aad/v1',
  signature: 'guanjia/collab-ephemeral/v1'
};

export async function sealEphemeral(
  keys: OfficeKeys,
  tab: string,
  body: EphemeralBody,
  at: number
): Promise<SealedEphemeral> {
  const plain = utf8(JSON.stringify({ d: body.doc, u: toBase64Url(body.update) }));
  const seal = await sealForOffice(keys, labels, tab, plain, at);
  return { eph: 1, tab, ...seal };
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
  let json: unknown;
  try {
    json = sealedJson(await openFromOffice(keys, labels, s.tab, s));
  } catch (error) {
    if (error instanceof SealRefused) throw new EphemeralRefused(error.reason, error.message);
    throw error;
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
