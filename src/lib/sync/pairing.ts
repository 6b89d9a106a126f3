import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import type { GuanjiaDexie } from '$lib/db/database';
import { syncState } from '$lib/db/sync-state';
import { write, type Actor, type Change } from '$lib/db/write';
import { newId } from '$lib/db/ids';
import {
  concatBytes,
  encodeFields,
  fromBase64Url,
  fromUtf8,
  generateSigningKeyPair,
  issueDeviceCertificate,
  officeIdOf,
  randomBytes,
  toBase64Url,
  utf8,
  verifyDeviceCertificate
} from './crypto';
import { saveOfficeKeys, type OfficeKeys } from './office-keys';
import {
  decodeFrame,
  deviceCertificateSchema,
  encodeFrame,
  relayHeaderSchema,
  revocationListSchema,
  type PairingRole,
  type RelayHeader
} from './protocol';
import { saveRelayUrl } from './relay-url';
import { websocketTransport, type WebSocketClass } from './websocket-transport';

/**
 * Pairing (issue #4): the manager's device ("host") shows a link / QR code holding the
 * relay address, a random pairing id and a 256-bit secret. The new device ("guest") opens
 * the relay's mailbox under that id and sends its name and public key, sealed with a key
 * derived from the secret; the manager approves; the host sends back, sealed the same way,
 * the office keys and the new device's certificate. The relay passes only ciphertext and
 * forgets the mailbox after its TTL; the host takes one guest, then closes (one-time).
 */
export interface PairingCode {
  relay: string;
  pairing: string;
  secret: string;
}

export function newPairingCode(relay: string): PairingCode {
  return { relay, pairing: toBase64Url(randomBytes(18)), secret: toBase64Url(randomBytes(32)) };
}

/** The link shown as QR code: the app's address with the code in the fragment (never sent to a server). */
export function pairingLink(origin: string, code: PairingCode): string {
  const payload = toBase64Url(utf8(JSON.stringify([code.relay, code.pairing, code.secret])));
  return `${origin}/#pair=${payload}`;
}

export function parsePairingLink(text: string): PairingCode | undefined {
  const match = /#pair=([A-Za-z0-9_-]+)/.exec(text.trim());
  if (!match) return undefined;
  try {
    const [relay, pairing, secret] = z
      .tuple([
        z.string().max(300),
        z.string().regex(/^[A-Za-z0-9_-]{22,64}$/),
        z.string().length(43)
      ])
      .parse(JSON.parse(fromUtf8(fromBase64Url(match[1]))));
    return { relay, pairing, secret };
  } catch {
    return undefined;
  }
}

// ---- sealing ------------------------------------------------------------------------------

async function sealFor(code: PairingCode, from: PairingRole, value: unknown): Promise<Uint8Array> {
  const aad = encodeFields('guanjia/pairing/v1', code.pairing, from);
  const key = hkdf(sha256, fromBase64Url(code.secret), utf8(code.pairing), aad, 32);
  const iv = randomBytes(12);
  const cipher = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad as BufferSource },
    await crypto.subtle.importKey('raw', key as BufferSource, 'AES-GCM', false, ['encrypt']),
    utf8(JSON.stringify(value)) as BufferSource
  );
  return concatBytes(iv, new Uint8Array(cipher));
}

async function openFrom(code: PairingCode, from: PairingRole, body: Uint8Array): Promise<unknown> {
  const aad = encodeFields('guanjia/pairing/v1', code.pairing, from);
  const key = hkdf(sha256, fromBase64Url(code.secret), utf8(code.pairing), aad, 32);
  const plain = await crypto.subtle.decrypt(
    {
      name: 'AES-GCM',
      iv: body.subarray(0, 12) as BufferSource,
      additionalData: aad as BufferSource
    },
    await crypto.subtle.importKey('raw', key as BufferSource, 'AES-GCM', false, ['decrypt']),
    body.subarray(12) as BufferSource
  );
  return JSON.parse(fromUtf8(new Uint8Array(plain)));
}

const requestSchema = z.object({
  name: z.string().trim().min(1).max(40),
  device: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  key: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  /** Issue 21 §4: a company device asks to read only; the manager sees it before approving. */
  company: z.literal(true).optional()
});
export type PairingRequest = z.infer<typeof requestSchema>;

const b64 = z.string().regex(/^[A-Za-z0-9_-]+$/);
const grantSchema = z.object({
  officePublic: b64,
  officeSecret: b64.optional(),
  epochs: z.array(z.object({ epoch: z.number().int().min(1), raw: b64 })).min(1),
  cert: deviceCertificateSchema,
  revocation: revocationListSchema.optional(),
  relay: z.string().max(300),
  /** A company device's staff id in the office (role `company`: it writes nothing). */
  companyStaff: z.string().min(1).max(64).optional()
});

// ---- a bare mailbox connection ---------------------------------------------------------------

interface Mailbox {
  send(value: unknown): Promise<void>;
  next(): Promise<unknown>;
  close(): void;
}

async function openMailbox(
  code: PairingCode,
  role: PairingRole,
  Socket?: WebSocketClass
): Promise<Mailbox> {
  const transport = websocketTransport(code.relay, Socket);
  const other: PairingRole = role === 'host' ? 'guest' : 'host';
  let n = 0;
  const inbox: Uint8Array[] = [];
  let wake: (() => void) | undefined;
  let failure: string | undefined;
  const replies = new Map<number, (h: RelayHeader) => void>();
  let challenged: () => void = () => {};
  const ready = new Promise<void>((resolve) => (challenged = resolve));
  transport.listen({
    open() {},
    frame(bytes) {
      let header: RelayHeader;
      try {
        const frame = decodeFrame(bytes);
        header = relayHeaderSchema.parse(frame.header);
        if (header.t === 'pair-msg' && header.from === other) inbox.push(frame.body.slice());
      } catch {
        return;
      }
      if (header.t === 'challenge') challenged();
      if ('re' in header && header.re !== undefined) replies.get(header.re)?.(header);
      wake?.();
    },
    close(reason) {
      failure = reason;
      challenged();
      for (const reply of replies.values())
        reply({ t: 'error', code: 'internal', message: reason });
      wake?.();
    }
  });
  const request = (header: object, body?: Uint8Array): Promise<RelayHeader> => {
    const count = ++n;
    const reply = new Promise<RelayHeader>((resolve) => replies.set(count, resolve));
    transport.send(encodeFrame({ ...header, n: count }, body));
    return reply;
  };
  await ready;
  if (failure) throw new Error(failure);
  const opened = await request({ t: 'pair-open', pairing: code.pairing, role });
  if (opened.t === 'error') {
    transport.close();
    throw new Error(opened.code);
  }
  return {
    async send(value) {
      const reply = await request(
        { t: 'pair-send', pairing: code.pairing, role },
        await sealFor(code, role, value)
      );
      if (reply.t === 'error') throw new Error(reply.code);
    },
    async next() {
      for (;;) {
        const body = inbox.shift();
        if (body) return openFrom(code, other, body);
        if (failure) throw new Error(failure);
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    close: () => transport.close('pairing done')
  };
}

// ---- host (the manager's device) ---------------------------------------------------------------

export interface HostPairing {
  code: PairingCode;
  /** Resolves with the new device's request (name, id, key). */
  request: Promise<PairingRequest>;
  /** The manager approves: certificate, device row, keys sent. Returns the new device's name. */
  approve(name?: string): Promise<string>;
  cancel(): void;
}

export async function hostPairing(
  db: GuanjiaDexie,
  keys: OfficeKeys,
  actor: Actor,
  relay: string,
  Socket?: WebSocketClass
): Promise<HostPairing> {
  if (!keys.officeSecret) throw new Error('this device cannot sign for the office');
  const officeSecret = keys.officeSecret;
  const code = newPairingCode(relay);
  const mailbox = await openMailbox(code, 'host', Socket);
  const request = mailbox.next().then((value) => requestSchema.parse(value));
  request.catch(() => mailbox.close());
  return {
    code,
    request,
    async approve(name) {
      const req = await request;
      const cert = issueDeviceCertificate(
        officeSecret,
        keys.office,
        req.device,
        fromBase64Url(req.key)
      );
      const deviceName = name?.trim() || req.name;
      // Issue 21 §4: a company device is paired as a staff member of the read-only `company`
      // role (roles.ts grants it nothing), so every op it might author is refused by the
      // permission table on every device. Inactive with an unknown PIN: never on the sign-in
      // screen, and nobody can sign in as it here. Its device row carries that role as its
      // ceiling, written (and signed) by this manager's device: an op it sends under another
      // staff id (the manager's) is refused too (commit-rules.ts AuthorRoles).
      const companyStaff = req.company ? newId() : undefined;
      const changes: Change[] = [
        {
          op: 'create',
          table: 'device',
          value: {
            id: req.device,
            name: deviceName,
            key: cert.key,
            sig: cert.sig,
            ...(companyStaff ? { ceiling: 'company' as const } : {})
          }
        }
      ];
      if (companyStaff)
        changes.push({
          op: 'create',
          table: 'staff',
          value: {
            id: companyStaff,
            name: deviceName,
            role: 'company',
            active: false,
            pinHash: toBase64Url(randomBytes(32)),
            pinSalt: toBase64Url(randomBytes(16)),
            pinIterations: 600_000
          }
        });
      await write(actor, changes, { db });
      await mailbox.send({
        officePublic: toBase64Url(keys.officePublic),
        // A company device cannot sign for the office (pair or remove devices): no secret.
        ...(companyStaff ? { companyStaff } : { officeSecret: toBase64Url(officeSecret) }),
        epochs: keys.epochs.map((k) => ({ epoch: k.epoch, raw: toBase64Url(k.raw) })),
        cert,
        ...(keys.revocation ? { revocation: keys.revocation } : {}),
        relay
      } satisfies z.input<typeof grantSchema>);
      mailbox.close();
      return deviceName;
    },
    cancel: () => mailbox.close()
  };
}

// ---- guest (the new device) ----------------------------------------------------------------------

/** What the manager's device sent back: the office keys for this device, and where to sync. */
export interface PairingGrant {
  keys: OfficeKeys;
  relay: string;
  /** Set for a company device: its read-only staff id in the office. */
  companyStaff?: string;
}

/**
 * The guest's side of the mailbox: send this device's name and fresh public key, wait for
 * the manager's approval, check the certificate. Stores nothing.
 */
export async function requestToJoin(
  code: PairingCode,
  name: string,
  device: string,
  options: { company?: boolean; Socket?: WebSocketClass } = {}
): Promise<PairingGrant> {
  const pair = generateSigningKeyPair();
  const mailbox = await openMailbox(code, 'guest', options.Socket);
  try {
    await mailbox.send({
      name,
      device,
      key: toBase64Url(pair.publicKey),
      ...(options.company ? { company: true as const } : {})
    } satisfies PairingRequest);
    const grant = grantSchema.parse(await mailbox.next());
    const officePublic = fromBase64Url(grant.officePublic);
    const office = officeIdOf(officePublic);
    if (
      grant.cert.device !== device ||
      grant.cert.key !== toBase64Url(pair.publicKey) ||
      !verifyDeviceCertificate(officePublic, office, grant.cert)
    )
      throw new Error('certificate does not match this device');
    if (Boolean(options.company) !== Boolean(grant.companyStaff))
      throw new Error('the office did not pair this device in the role it asked for');
    const keys: OfficeKeys = {
      office,
      officePublic,
      ...(grant.officeSecret ? { officeSecret: fromBase64Url(grant.officeSecret) } : {}),
      epochs: grant.epochs.map((k) => ({ epoch: k.epoch, raw: fromBase64Url(k.raw) })),
      epochFrom: Object.fromEntries(grant.epochs.map((k) => [k.epoch, 1])),
      device,
      devicePublic: pair.publicKey,
      deviceSecret: pair.secretKey,
      cert: grant.cert,
      ...(grant.revocation ? { revocation: grant.revocation } : {})
    };
    return {
      keys,
      relay: grant.relay,
      ...(grant.companyStaff ? { companyStaff: grant.companyStaff } : {})
    };
  } finally {
    mailbox.close();
  }
}

/**
 * Join an office from a pairing code: send this device's name and fresh public key, wait
 * for the manager's approval, store the office keys (device-local) and the relay address.
 * The data then follows by normal sync (startSync).
 */
export async function joinOffice(
  db: GuanjiaDexie,
  code: PairingCode,
  name: string,
  Socket?: WebSocketClass
): Promise<OfficeKeys> {
  const { device } = await syncState(db);
  const { keys, relay } = await requestToJoin(code, name, device, { Socket });
  await saveOfficeKeys(db, keys);
  await saveRelayUrl(db, relay);
  return keys;
}
