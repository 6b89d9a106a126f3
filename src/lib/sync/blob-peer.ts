import { getBlob } from '$lib/db/blobs';
import { pieceCount, RELAY_PIECE_BYTES, sealBlob } from './blob-seal';
import type { SyncEngine } from './engine';
import { currentKey } from './office-keys';
import type { PeerHeader } from './peer-protocol';
import { syncLog } from './sync-log';

/**
 * Attachments over a direct session (two tablets with no relay still exchange photos):
 * `blob-want {hash}` is answered with `blob {hash, part}` frames, each carrying one piece
 * sealed as for the relay (blob-seal.ts) but cut to fit the channel, or `blob-none {hash}`.
 * Only pieces that were asked for are kept; the receiver opens and hash-checks them
 * (blob-sync.ts) before anything is stored.
 */
export type BlobPeerHeader = Extract<PeerHeader, { t: 'blob-want' | 'blob' | 'blob-none' }>;

export interface PeerBlobLink {
  engine: SyncEngine;
  /** Sends a frame and resolves when the transport can take more. */
  send(header: PeerHeader, body?: Uint8Array): Promise<void>;
  maxFrameBytes(): number;
  /** The highest office key epoch the peer holds (from its hello). */
  peerEpoch(): number;
}

export interface PeerBlobs {
  frame(header: BlobPeerHeader, body: Uint8Array): void;
  /** The sealed pieces of `hash` from the peer, or undefined (it lacks it, or no answer). */
  want(hash: string): Promise<Uint8Array[] | undefined>;
  close(): void;
}

const WANT_TIMEOUT_MS = 20_000;
const HEADER_ROOM = 4096;

interface Wanted {
  pieces: (Uint8Array | undefined)[] | undefined;
  got: number;
  promise: Promise<Uint8Array[] | undefined>;
  resolve(pieces: Uint8Array[] | undefined): void;
  timer: ReturnType<typeof setTimeout>;
}

export function peerBlobs(link: PeerBlobLink): PeerBlobs {
  const wanted = new Map<string, Wanted>();

  const settle = (hash: string, pieces: Uint8Array[] | undefined): void => {
    const want = wanted.get(hash);
    if (!want) return;
    wanted.delete(hash);
    clearTimeout(want.timer);
    want.resolve(pieces);
  };

  async function serve(hash: string): Promise<void> {
    const blob = await getBlob(hash, link.engine.db);
    if (!blob) return link.send({ t: 'blob-none', hash });
    const keys = link.engine.keys;
    const pieces = await sealBlob(keys, hash, blob.type, blob.bytes, {
      pieceBytes: Math.min(RELAY_PIECE_BYTES, link.maxFrameBytes() - HEADER_ROOM),
      epoch: Math.min(link.peerEpoch(), currentKey(keys).epoch)
    });
    for (const [part, piece] of pieces.entries()) await link.send({ t: 'blob', hash, part }, piece);
  }

  function piece(hash: string, part: number, body: Uint8Array): void {
    const want = wanted.get(hash);
    if (!want) return; // not asked for (or asked and given up): dropped
    const count = pieceCount(body);
    if (count === undefined || part >= count || (want.pieces && want.pieces.length !== count)) {
      syncLog('reject', { reason: 'blob-piece', part, count });
      return settle(hash, undefined);
    }
    want.pieces ??= new Array<Uint8Array | undefined>(count);
    if (!want.pieces[part]) want.got++;
    want.pieces[part] = body;
    if (want.got === count) settle(hash, want.pieces as Uint8Array[]);
  }

  return {
    frame(header, body) {
      if (header.t === 'blob-want')
        void serve(header.hash).catch((error: unknown) => {
          syncLog('blob-serve-failed', { error: String(error) });
          void link.send({ t: 'blob-none', hash: header.hash }); // rather than a 20 s wait
        });
      else if (header.t === 'blob-none') settle(header.hash, undefined);
      else piece(header.hash, header.part, body);
    },
    want(hash) {
      const pending = wanted.get(hash);
      if (pending) return pending.promise;
      let resolve: (pieces: Uint8Array[] | undefined) => void = () => {};
      const promise = new Promise<Uint8Array[] | undefined>((r) => (resolve = r));
      const timer = setTimeout(() => settle(hash, undefined), WANT_TIMEOUT_MS);
      wanted.set(hash, { pieces: undefined, got: 0, promise, resolve, timer });
      void link.send({ t: 'blob-want', hash });
      return promise;
    },
    close() {
      for (const hash of [...wanted.keys()]) settle(hash, undefined);
    }
  };
}
