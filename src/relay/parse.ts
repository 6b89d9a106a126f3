import {
  clientHeaderSchema,
  decodeFrame,
  FrameError,
  PROTOCOL_VERSION,
  type ClientHeader,
  type Frame
} from '../lib/sync/protocol';

/** Deepest nesting a header may have (signalling data is the only free-form part: SDP/ICE, ~3). */
export const MAX_HEADER_DEPTH = 16;

export type ParsedFrame =
  | { ok: true; frame: Frame; header: ClientHeader }
  | { ok: false; code: 'malformed' | 'too-large'; message: string; re?: number; t?: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a value looks, for a message, without calling anything on it (no toString, no getters). */
function describe(value: unknown): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 16));
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** Nesting depth of a parsed JSON value, iteratively (no recursion to overflow), up to `max` + 1. */
export function depthExceeds(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [item, depth] = next;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item))
      stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * A device's frame, parsed by a total function: whatever the bytes, it returns (never throws)
 * either a header that passed the schema or a refusal with its reason. Nothing untrusted is
 * converted with String() or JSON.stringify before the schema has passed it, and the depth is
 * checked first, so re-encoding signalling data later cannot overflow the stack.
 */
export function parseClientFrame(
  bytes: Uint8Array,
  maxHeaderBytes: number,
  sender: string | undefined
): ParsedFrame {
  let frame: Frame;
  try {
    frame = decodeFrame(bytes, maxHeaderBytes, sender);
  } catch (error) {
    return error instanceof FrameError
      ? { ok: false, code: error.code, message: error.message }
      : { ok: false, code: 'malformed', message: 'not a frame' };
  }
  if (frame.version !== 2)
    return {
      ok: false,
      code: 'malformed',
      message: `protocol version 1 frame: this relay speaks ${PROTOCOL_VERSION} (update the app)`
    };
  const raw = frame.header;
  if (!isRecord(raw)) return { ok: false, code: 'malformed', message: 'header: not an object' };
  const n = raw.n; // answer to the request if it can be told
  const re = typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
  const t = typeof raw.t === 'string' && /^[a-z-]{1,20}$/.test(raw.t) ? raw.t : undefined;
  if (depthExceeds(raw, MAX_HEADER_DEPTH))
    return {
      ok: false,
      code: 'malformed',
      message: `header nested deeper than ${MAX_HEADER_DEPTH}`,
      re,
      t
    };
  if (t === 'hello' && raw.v !== PROTOCOL_VERSION)
    return {
      ok: false,
      code: 'malformed',
      message: `protocol version ${describe(raw.v)} not supported: this relay speaks ${PROTOCOL_VERSION} (update the app)`,
      re: 0,
      t
    };
  let parsed: ReturnType<typeof clientHeaderSchema.safeParse>;
  try {
    parsed = clientHeaderSchema.safeParse(raw);
  } catch {
    return { ok: false, code: 'malformed', message: 'header: invalid', re, t };
  }
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? [])
      .map((part) => (typeof part === 'symbol' ? '?' : String(part)))
      .join('.');
    return {
      ok: false,
      code: 'malformed',
      message: `header: ${path || '(root)'}: ${issue?.message ?? 'invalid'}`,
      re,
      t
    };
  }
  return { ok: true, frame, header: parsed.data };
}
