import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import WebSocket from 'ws';
import { utf8 } from '../../../src/lib/sync/crypto';
import { decodeFrame } from '../../../src/lib/sync/protocol';
import { DeviceClient, type TestDevice } from '../device-client';

/**
 * Frames an attacker might send, generated with fast-check (issue 13, "Must show"): valid-looking
 * headers of every message type with plausible and wrong field values, truncated frames, deep
 * nesting, huge lengths and bodies, wrong JSON types, random bytes; sent unauthenticated and,
 * MAC'd with a real session key, by a signed-in device (so they reach the handlers).
 */
export interface Recipe {
  /** none: 0xa0; mac: the connection's session MAC; badmac: 16 random bytes; raw: `bytes` as is. */
  auth: 'none' | 'mac' | 'badmac' | 'raw';
  header: (n: number) => string;
  body: number;
  cut?: number; // truncate the frame to this fraction of its length
  fresh: boolean; // n = the connection's next counter (else a random n: replays)
  n: number;
  bytes?: Uint8Array;
}

const TYPES = [
  'hello',
  'push',
  'pull',
  'signal',
  'blob-put',
  'blob-get',
  'office-blob-put',
  'office-blob-get',
  'office-blob-has',
  'office-blob-drop',
  'revoke',
  'pair-open',
  'pair-send'
] as const;

const idLike = fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/);
const hexLike = fc.stringMatching(/^[0-9a-f]{64}$/);
const number = fc.oneof(
  fc.integer({ min: -5, max: 1_000 }),
  fc.constantFrom(0, 1, 2, -1, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 1e308, -0, 0.5),
  fc.double({ noNaN: true, noDefaultInfinity: true })
);
/** JSON text of a value that may be nested deep (up to 30,000 levels, ~60 KB). */
const deep = fc
  .tuple(fc.integer({ min: 10, max: 30_000 }), fc.constantFrom('[]', '{}'))
  .map(([depth, kind]) =>
    kind === '[]'
      ? '['.repeat(depth) + ']'.repeat(depth)
      : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
  );
const hostile = fc.constantFrom(
  '{"toString":1}',
  '[{"toString":1}]',
  '{"valueOf":{}}',
  '{"__proto__":{"t":"hello"}}',
  '{"toJSON":1}',
  '"\\ud800"',
  'null',
  'true',
  '1e999'
);
/** A field value: usually plausible, sometimes any JSON, a hostile object or something deep. */
const value = (plausible: fc.Arbitrary<unknown>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: plausible.map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: hostile },
    { weight: 1, arbitrary: deep }
  );

const b64Like = fc.stringMatching(/^[A-Za-z0-9_-]{1,128}$/);
const cert = fc.record({ device: idLike, key: b64Like, sig: b64Like });
const batch = fc.record({
  device: idLike,
  first: number,
  last: number,
  epoch: number,
  schema: number,
  sig: b64Like
});
const FIELDS: Record<(typeof TYPES)[number], Record<string, fc.Arbitrary<unknown>>> = {
  hello: { v: fc.constantFrom(2, 1, 3), office: idLike, device: idLike, officeKey: b64Like, cert },
  push: { batch },
  pull: { vector: fc.dictionary(idLike, fc.nat(), { maxKeys: 5 }) },
  signal: { to: idLike, data: fc.jsonValue({ maxDepth: 3 }) },
  'blob-put': { ttl: number },
  'blob-get': { hash: hexLike },
  'office-blob-put': { id: hexLike },
  'office-blob-get': { id: hexLike },
  'office-blob-has': { ids: fc.array(hexLike, { maxLength: 300 }) },
  'office-blob-drop': { ids: fc.array(hexLike, { maxLength: 300 }) },
  revoke: {
    revocation: fc.record({
      version: number,
      devices: fc.array(idLike, { maxLength: 3 }),
      sig: b64Like
    })
  },
  'pair-open': { pairing: b64Like, role: fc.constantFrom('host', 'guest', 'admin') },
  'pair-send': { pairing: b64Like, role: fc.constantFrom('host', 'guest') }
};

/** A header of one type: its fields, some of them wrong, some missing, sometimes an extra. */
const validLooking: fc.Arbitrary<(n: number) => string> = fc.constantFrom(...TYPES).chain((t) =>
  fc
    .tuple(
      ...Object.entries(FIELDS[t]).map(([key, arb]) =>
        fc.option(
          value(arb).map((v) => `"${key}":${v}`),
          { freq: 8 }
        )
      ),
      fc.option(
        value(fc.string()).map((v) => `"extra":${v}`),
        { freq: 2 }
      )
    )
    .map((parts) => (n: number) => {
      const fields = parts.filter((p): p is string => p !== null);
      return `{"t":"${t}","n":${t === 'hello' ? 0 : n},${fields.join(',')}}`.replace(',}', '}');
    })
);

const wrongTypes: fc.Arbitrary<(n: number) => string> = fc
  .oneof(
    fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v) ?? 'null'),
    hostile,
    deep,
    fc.tuple(fc.constantFrom(...TYPES), hostile).map(([t, v]) => `{"t":"${t}","n":${v},"v":${v}}`),
    fc.string({ maxLength: 200 }) // not JSON at all
  )
  .map((text) => () => text);

export const recipeArbitrary: fc.Arbitrary<Recipe> = fc.record({
  auth: fc.constantFrom<Recipe['auth']>('none', 'mac', 'mac', 'mac', 'badmac', 'raw'),
  header: fc.oneof({ weight: 5, arbitrary: validLooking }, { weight: 3, arbitrary: wrongTypes }),
  body: fc.oneof(
    { weight: 90, arbitrary: fc.integer({ min: 0, max: 512 }) },
    { weight: 8, arbitrary: fc.integer({ min: 60_000, max: 70_000 }) },
    { weight: 2, arbitrary: fc.constantFrom(1024 * 1024 + 1, 2_500_000) }
  ),
  cut: fc
    .option(fc.double({ min: 0, max: 1, noNaN: true }), { freq: 2 })
    .map((v) => v ?? undefined),
  fresh: fc.integer({ min: 0, max: 9 }).map((x) => x > 0),
  n: fc.integer({ min: -2, max: 2 ** 40 }),
  bytes: fc.option(fc.uint8Array({ maxLength: 300 }), { freq: 1 }).map((v) => v ?? undefined)
});

function leb128(length: number): number[] {
  const out: number[] = [];
  for (let n = length; ; n = Math.floor(n / 0x80)) {
    if (n < 0x80) return [...out, n];
    out.push((n % 0x80) | 0x80);
  }
}

const zeros = new Uint8Array(2_500_000);

/** The bytes of a recipe on a connection (its session key and counter). */
export function frameOf(recipe: Recipe, client: DeviceClient): Uint8Array {
  if (recipe.auth === 'raw' && recipe.bytes) return recipe.bytes;
  const n = recipe.fresh ? ++client.counter : recipe.n;
  const header = utf8(recipe.header(n));
  const length = leb128(header.length);
  const authBytes = recipe.auth === 'mac' || recipe.auth === 'badmac' ? 16 : 0;
  const frame = new Uint8Array(1 + authBytes + length.length + header.length + recipe.body);
  frame[0] = authBytes ? 0xa2 : 0xa0;
  frame.set(length, 1 + authBytes);
  frame.set(header, 1 + authBytes + length.length);
  frame.set(zeros.subarray(0, recipe.body), 1 + authBytes + length.length + header.length);
  const signedPart = frame.subarray(1 + authBytes);
  if (recipe.auth === 'mac' && client.sessionKey)
    frame.set(
      createHmac('sha256', client.sessionKey).update(signedPart).digest().subarray(0, 16),
      1
    );
  else if (authBytes) frame.set(crypto.getRandomValues(new Uint8Array(16)), 1);
  return recipe.cut === undefined
    ? frame
    : frame.subarray(0, Math.floor(frame.length * recipe.cut));
}

export interface FuzzResult {
  frames: number;
  /** Error answers received (each a refusal the relay must have logged). */
  refusals: number;
  answers: number;
  /** Answers by type (`blob-stored`… say what a signed-in device was allowed to store). */
  types: Record<string, number>;
  unanswered: string[];
  /** Connections the relay closed (fatal refusals, rate limits, oversized frames). */
  closed: number;
  codes: Record<string, number>;
}

/**
 * Sends `count` generated frames over `lanes` connections at once, each frame after the answer
 * to the one before (or the connection's end: a new one is opened, signed in when `device`).
 */
export async function fuzzRelay(options: {
  url: string;
  count: number;
  seed: number;
  lanes: number;
  device?: TestDevice; // signed-in lanes use this device; the others stay unauthenticated
  from?: (lane: number) => string;
}): Promise<FuzzResult> {
  const recipes = fc.sample(recipeArbitrary, { numRuns: options.count, seed: options.seed });
  const result: FuzzResult = {
    frames: 0,
    refusals: 0,
    answers: 0,
    closed: 0,
    codes: {},
    types: {},
    unanswered: []
  };
  let next = 0;
  const lane = async (index: number): Promise<void> => {
    const signedIn = options.device !== undefined && index % 2 === 0;
    const connect = async (): Promise<DeviceClient> => {
      const from = options.from?.(index);
      return signedIn && options.device
        ? DeviceClient.connect(options.url, options.device, { from })
        : DeviceClient.open(options.url, undefined, from);
    };
    let received = 0;
    const count = (data: Buffer): void => {
      received++;
      result.answers++;
      const header = decodeFrame(new Uint8Array(data)).header as { t: string };
      result.types[header.t] = (result.types[header.t] ?? 0) + 1;
    };
    let client = await connect();
    client.ws.on('message', count);
    while (next < recipes.length) {
      const recipe = recipes[next++];
      if (client.ws.readyState !== WebSocket.OPEN) {
        result.closed++;
        result.refusals += client.errors.length;
        for (const e of client.errors) result.codes[e.code] = (result.codes[e.code] ?? 0) + 1;
        client = await connect();
        client.ws.on('message', count);
      }
      const before = received;
      const ws = client.ws;
      ws.send(frameOf(recipe, client));
      result.frames++;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          ws.off('message', done);
          ws.off('close', done);
          resolve();
        };
        // An answer, or the end; a frame the relay legitimately leaves unanswered (none known) waits 2 s.
        const timer = setTimeout(() => {
          result.unanswered.push(
            recipe.header(0).slice(0, 120) +
              ` auth=${recipe.auth} body=${recipe.body} cut=${recipe.cut} signedIn=${signedIn}`
          );
          done();
        }, 2_000);
        ws.on('message', done);
        ws.on('close', done);
        if (received > before) done();
      });
    }
    result.refusals += client.errors.length;
    for (const e of client.errors) result.codes[e.code] = (result.codes[e.code] ?? 0) + 1;
    await client.close();
  };
  await Promise.all(Array.from({ length: options.lanes }, (_, i) => lane(i)));
  return result;
}
