/**
 * PINs are never stored: PBKDF2-SHA-256 through WebCrypto with a random salt per person
 * (foundation issue §5). The iteration count is stored with the hash so it can be raised
 * later without locking anyone out.
 */
export const PIN_ITERATIONS = 210_000;

export interface PinHash {
  pinHash: string;
  pinSalt: string;
  pinIterations: number;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function derive(pin: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits'
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    key,
    256
  );
  return new Uint8Array(bits);
}

export async function hashPin(pin: string, iterations = PIN_ITERATIONS): Promise<PinHash> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return {
    pinHash: toBase64(await derive(pin, salt, iterations)),
    pinSalt: toBase64(salt),
    pinIterations: iterations
  };
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const actual = await derive(pin, fromBase64(stored.pinSalt), stored.pinIterations);
  const expected = fromBase64(stored.pinHash);
  // Compare every byte so the time taken does not tell how much of the PIN was right.
  let diff = actual.length ^ expected.length;
  for (let i = 0; i < Math.min(actual.length, expected.length); i++)
    diff |= actual[i] ^ expected[i];
  return diff === 0;
}
