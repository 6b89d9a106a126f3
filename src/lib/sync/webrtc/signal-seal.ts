import { z } from 'zod';
import { utf8 } from '../crypto';
import type { OfficeKeys } from '../office-keys';
import {
  SealRefused,
  officeSealFields,
  openFromOffice,
  sealForOffice,
  sealIdSchema,
  sealedJson
} from '../office-seal';

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

/** What `api.signal(to, data)` carries: everything the relay may see is in the clear here. */
export const sealedSignalSchema = z.object({
  rtc: z.literal(1),
  to: sealIdSchema,
  ...officeSealFields
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

const labels = { aad: 'guanjia/rtc-signal-aad/v1', signature: 'guanjia/rtc-signal/v1' };

export async function sealSignal(
  keys: OfficeKeys,
  to: string,
  body: SignalBody,
  at: number
): Promise<SealedSignal> {
  const seal = await sealForOffice(keys, labels, to, utf8(JSON.stringify(body)), at);
  return { rtc: 1, to, ...seal };
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
  let json: unknown;
  try {
    json = sealedJson(await openFromOffice(keys, labels, s.to, s));
  } catch (error) {
    if (error instanceof SealRefused) throw new SignalRefused(error.reason, error.message);
    throw error;
  }
  const body = signalBodySchema.safeParse(json);
  if (!body.success) throw new SignalRefused('malformed', body.error.message);
  return { from: s.from, at: s.at, body: body.data };
}
