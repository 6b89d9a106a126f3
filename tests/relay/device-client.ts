import { createHmac } from 'node:crypto';
import WebSocket from 'ws';
import {
  deviceSessionKey,
  FRAME_MAC_LENGTH,
  encryptBatch,
  fromBase64Url,
  generateOfficeKey,
  generateSigningKeyPair,
  issueDeviceCertificate,
  newDeviceId,
  officeIdOf,
  signBatch,
  toBase64Url,
  utf8,
  type DeviceCertificate,
  type OfficeKey,
  type RevocationList,
  type SigningKeyPair
} from '../../src/lib/sync/crypto';
import {
  decodeFrame,
  encodeFrame,
  encodeSignedFrame,
  PROTOCOL_VERSION,
  relayHeaderSchema,
  type ClientHeader,
  type RelayHeader,
  type WireBatch
} from '../../src/lib/sync/protocol';

/** A test office: its signing key pair (held by the manager) and its AES key. */
export interface TestOffice {
  id: string;
  signing: SigningKeyPair;
  key: OfficeKey;
}

export interface TestDevice {
  office: TestOffice;
  id: string;
  signing: SigningKeyPair;
  cert: DeviceCertificate;
}

export function makeOffice(): TestOffice {
  const signing = generateSigningKeyPair();
  return { id: officeIdOf(signing.publicKey), signing, key: generateOfficeKey() };
}

export function makeDevice(office: TestOffice): TestDevice {
  const id = newDeviceId();
  const signing = generateSigningKeyPair();
  return {
    office,
    id,
    signing,
    cert: issueDeviceCertificate(office.signing.secretKey, office.id, id, signing.publicKey)
  };
}

export interface Op {
  seq: number;
  field: string;
  value: string;
}

/** Encrypts and signs ops first..last of a device, as the sync client will. */
export async function makeBatch(
  device: TestDevice,
  ops: Op[],
  schema = 1
): Promise<{ batch: WireBatch; body: Uint8Array }> {
  const first = ops[0].seq;
  const last = ops[ops.length - 1].seq;
  const meta = {
    office: device.office.id,
    device: device.id,
    first,
    last,
    epoch: device.office.key.epoch,
    schema
  };
  const body = await encryptBatch(device.office.key, meta, utf8(JSON.stringify(ops)));
  const { office: _office, ...wire } = meta;
  return { batch: { ...wire, sig: signBatch(meta, body, device.signing.secretKey) }, body };
}

export interface Reply {
  header: RelayHeader;
  body: Uint8Array;
}

type Outgoing = ClientHeader extends infer H
  ? H extends { n: number }
    ? Omit<H, 'n'>
    : never
  : never;

/** A minimal device-side connection speaking the relay protocol, written against the spec. */
export class DeviceClient {
  nonce: Uint8Array = new Uint8Array(0);
  exchangeKey: Uint8Array = new Uint8Array(0); // the relay's X25519 key (challenge.kx)
  /** This connection's frame MAC key, from the hello on (crypto/session-key.ts). */
  sessionKey: Uint8Array | undefined;
  welcome: Extract<RelayHeader, { t: 'welcome' }> | undefined;
  counter = 0;
  readonly live: Reply[] = []; // batches pushed by the relay without a request
  liveCount = 0;
  keepLive = true; // false under load: count live batches, don't keep them
  signFrames = false; // sign every frame with the device key instead of the session MAC
  readonly signals: Extract<RelayHeader, { t: 'signal' }>[] = [];
  readonly pairing: Reply[] = [];
  readonly errors: Extract<RelayHeader, { t: 'error' }>[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly waiting = new Map<number, { resolve: (reply: Reply) => void }>();
  private listeners: (() => void)[] = [];

  private constructor(
    readonly ws: WebSocket,
    readonly device: TestDevice | undefined
  ) {
    ws.binaryType = 'nodebuffer';
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
    );
    ws.on('message', (data: Buffer) =>
      this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    );
  }

  /**
   * Connects and waits for the relay's challenge; no hello yet. `from`: a local address
   * (127.0.0.2…: another remote address to the relay, for its per-address caps).
   */
  static async open(url: string, device?: TestDevice, from?: string): Promise<DeviceClient> {
    const ws = new WebSocket(url, from ? { localAddress: from } : {});
    const client = new DeviceClient(ws, device);
    await new Promise<void>((resolve, reject) => {
      ws.once('error', reject);
      // Closed by the relay before its challenge (a cap): an answer, not a wait forever.
      ws.once('close', (code, reason) =>
        reject(new Error(`closed before the challenge: ${code} ${reason.toString()}`))
      );
      client.onChange(() => client.nonce.length > 0 && (resolve(), true));
    });
    return client;
  }

  /** Connects and authenticates; resolves with the client even if the relay refused (see `errors`). */
  static async connect(
    url: string,
    device: TestDevice,
    extra: { revocation?: RevocationList; from?: string } = {}
  ): Promise<DeviceClient> {
    const { from, ...hello } = extra;
    const client = await DeviceClient.open(url, device, from);
    await client.hello(hello);
    return client;
  }

  async hello(extra: { revocation?: RevocationList } = {}, signer?: Uint8Array): Promise<Reply> {
    const device = this.device!;
    const header: ClientHeader = {
      t: 'hello',
      n: 0,
      v: PROTOCOL_VERSION,
      office: device.office.id,
      device: device.id,
      officeKey: toBase64Url(device.office.signing.publicKey),
      cert: device.cert,
      ...extra
    };
    const reply = this.expect(0);
    this.ws.send(
      encodeSignedFrame(header, new Uint8Array(0), this.nonce, signer ?? device.signing.secretKey)
    );
    const result = await reply;
    if (result.header.t === 'welcome') {
      this.welcome = result.header;
      this.sessionKey = deviceSessionKey(
        device.signing.secretKey,
        this.exchangeKey,
        this.nonce,
        device.office.id,
        device.id
      );
    }
    return result;
  }

  /** Signs and sends; resolves with the reply carrying `re` = this frame's counter. */
  request(
    header: Outgoing,
    body: Uint8Array = new Uint8Array(0)
  ): Promise<Reply> & { frame: Uint8Array } {
    const frame = this.frame(header, body);
    return this.sendFrame(frame, this.counter);
  }

  /** Builds the signed frame for the next counter without sending it (to replay or tamper in tests). */
  frame(header: Outgoing, body: Uint8Array = new Uint8Array(0), signer?: Uint8Array): Uint8Array {
    const full = { ...header, n: ++this.counter } as ClientHeader;
    if (full.t === 'pair-open' || full.t === 'pair-send') return encodeFrame(full, body);
    if (this.sessionKey && !signer && !this.signFrames) {
      // The session MAC, natively (a load run pushes thousands of frames).
      const frame = encodeFrame(full, body); // auth kind none: 0xa0, then the signed part
      const signedPart = frame.subarray(1);
      const mac = createHmac('sha256', this.sessionKey).update(signedPart).digest();
      const out = new Uint8Array(1 + FRAME_MAC_LENGTH + signedPart.length);
      out[0] = 0xa2;
      out.set(mac.subarray(0, FRAME_MAC_LENGTH), 1);
      out.set(signedPart, 1 + FRAME_MAC_LENGTH);
      return out;
    }
    return encodeSignedFrame(full, body, this.nonce, signer ?? this.device!.signing.secretKey);
  }

  sendFrame(frame: Uint8Array, re: number): Promise<Reply> & { frame: Uint8Array } {
    const reply = this.expect(re);
    this.ws.send(frame);
    return Object.assign(reply, { frame });
  }

  /** Sends raw bytes and waits for the next error the relay answers with. */
  async sendRaw(data: Uint8Array | string): Promise<Extract<RelayHeader, { t: 'error' }>> {
    const before = this.errors.length;
    this.ws.send(data);
    await this.until(() => this.errors.length > before);
    return this.errors[before];
  }

  async pull(vector: Record<string, number>): Promise<{ batches: Reply[]; done: Reply }> {
    const n = this.counter + 1;
    const done = await this.request({ t: 'pull', vector });
    return { batches: this.pulledBatches.get(n) ?? [], done };
  }

  private readonly pulledBatches = new Map<number, Reply[]>();

  until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('condition not met in time')), timeoutMs);
      this.onChange(() => check() && (clearTimeout(timer), resolve(), true));
    });
  }

  close(): Promise<unknown> {
    this.ws.close();
    return this.closed;
  }

  /** The reply to `re`, or, if the relay closes first, the last error it sent. */
  private expect(re: number): Promise<Reply> {
    const reply = new Promise<Reply>((resolve) => this.waiting.set(re, { resolve }));
    const closed = this.closed.then(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      const error = this.errors.at(-1);
      if (!error) throw new Error(`connection closed without a reply to ${re}`);
      return { header: error, body: new Uint8Array(0) };
    });
    return Promise.race([reply, closed]);
  }

  private onChange(listener: () => boolean): void {
    const wrapped = (): void => {
      if (listener()) this.listeners = this.listeners.filter((l) => l !== wrapped);
    };
    this.listeners.push(wrapped);
  }

  private receive(bytes: Uint8Array): void {
    const frame = decodeFrame(bytes);
    const header = relayHeaderSchema.parse(frame.header);
    const reply = { header, body: frame.body.slice() };
    if (header.t === 'challenge') {
      this.nonce = fromBase64Url(header.nonce);
      this.exchangeKey = fromBase64Url(header.kx);
    } else if (header.t === 'batch' && header.re !== undefined) {
      let list = this.pulledBatches.get(header.re);
      if (!list) this.pulledBatches.set(header.re, (list = []));
      list.push(reply);
    } else if (header.t === 'batch') {
      this.liveCount++;
      if (this.keepLive) this.live.push(reply);
    } else if (header.t === 'signal') this.signals.push(header);
    else if (header.t === 'pair-msg') this.pairing.push(reply);
    else {
      if (header.t === 'error') this.errors.push(header);
      const re = 're' in header ? header.re : undefined;
      const waiter = re !== undefined ? this.waiting.get(re) : undefined;
      if (waiter && re !== undefined) {
        this.waiting.delete(re);
        waiter.resolve(reply);
      }
    }
    for (const listener of [...this.listeners]) listener();
  }
}
