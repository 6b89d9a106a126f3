/**
 * Stores a short link's ciphertext on the office's relay (src/relay/README.md, `blob-put`)
 * over its WebSocket: challenge → signed hello → blob-put → blob-stored. One connection per
 * upload: publishing a notice is rare, and the sync client (src/lib/sync) is not written yet.
 */
import { toBase64Url } from '$lib/sync/crypto/bytes';
import {
  PROTOCOL_VERSION,
  decodeFrame,
  encodeSignedFrame,
  relayHeaderSchema
} from '$lib/sync/protocol';
import { fromBase64Url } from '$lib/sync/crypto/bytes';
import type { OwnerLinkKeys } from './local-key';

export class RelayPutError extends Error {
  constructor(
    readonly reason: 'unreachable' | 'refused' | 'timeout',
    message: string
  ) {
    super(message);
  }
}

/** `ws://host:8787/v1` → `http://host:8787`, where phones fetch `/b/<hash>`. */
export function relayHttpUrl(wsUrl: string): string {
  const url = new URL(wsUrl);
  url.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
  url.pathname = '';
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

/** The WebSocket address for what the desk types: `relay.example.cn`, `https://…`, `ws://…/v1`. */
export function relaySocketUrl(input: string): string {
  let text = input.trim();
  if (!/^[a-z]+:\/\//i.test(text)) text = `wss://${text}`;
  const url = new URL(text.replace(/^http/i, 'ws'));
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/v1';
  return url.toString();
}

export async function putBlobOnRelay(
  wsUrl: string,
  keys: OwnerLinkKeys,
  body: Uint8Array,
  ttlSeconds: number,
  timeoutMs = 15_000
): Promise<{ hash: string; expires: number }> {
  const socket = new WebSocket(wsUrl);
  socket.binaryType = 'arraybuffer';
  return new Promise((resolve, reject) => {
    let nonce: Uint8Array | undefined;
    const timer = setTimeout(
      () => fail(new RelayPutError('timeout', 'relay did not answer')),
      timeoutMs
    );
    function fail(error: RelayPutError) {
      clearTimeout(timer);
      socket.close();
      reject(error);
    }
    socket.onerror = () => fail(new RelayPutError('unreachable', `cannot reach ${wsUrl}`));
    socket.onclose = () => fail(new RelayPutError('unreachable', 'relay closed the connection'));
    socket.onmessage = (event: MessageEvent<ArrayBuffer>) => {
      let header;
      try {
        header = relayHeaderSchema.parse(decodeFrame(new Uint8Array(event.data)).header);
      } catch {
        return fail(new RelayPutError('refused', 'unreadable answer'));
      }
      if (header.t === 'challenge') {
        nonce = fromBase64Url(header.nonce);
        socket.send(
          encodeSignedFrame(
            {
              t: 'hello',
              n: 0,
              v: PROTOCOL_VERSION,
              office: keys.officeId,
              device: keys.device.id,
              officeKey: toBase64Url(keys.office.publicKey),
              cert: keys.device.cert
            },
            new Uint8Array(0),
            nonce,
            keys.device.signing.secretKey
          )
        );
      } else if (header.t === 'welcome' && nonce) {
        socket.send(
          encodeSignedFrame(
            { t: 'blob-put', n: 1, ttl: ttlSeconds },
            body,
            nonce,
            keys.device.signing.secretKey
          )
        );
      } else if (header.t === 'blob-stored') {
        clearTimeout(timer);
        socket.onclose = null;
        socket.close();
        resolve({ hash: header.hash, expires: header.expires });
      } else if (header.t === 'error') {
        fail(new RelayPutError('refused', `${header.code}: ${header.message}`));
      }
    };
  });
}
