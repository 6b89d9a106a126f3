import type { VersionVector } from '$lib/oplog/format';
import type { PeerSession, SyncPhase } from './api';
import { peerBlobs } from './blob-peer';
import { verifyRevocationList } from './crypto';
import type { SyncEngine } from './engine';
import { currentKey, isRevoked } from './office-keys';
import { decodePeerFrame, encodePeerFrame, type PeerHeader } from './peer-protocol';
import { PROTOCOL_VERSION } from './protocol';
import type { SealedBatch } from './seal';
import { learnSigner } from './signers';
import { syncLog } from './sync-log';
import type { Transport } from './transport';

export interface PeerSessionEvents {
  /** The peer's vector after it acknowledged (for "ops behind" on the devices page). */
  onPeerVector?(device: string, vector: VersionVector): void;
  onPhase?(phase: SyncPhase): void;
}

// Frames above this many body bytes wait for the transport's buffer to drain.
const HEADER_ROOM = 4096;

/** A direct session can also fetch attachments from the other device (blob-peer.ts). */
export interface DirectSession extends PeerSession {
  /** The sealed pieces of blob `hash` from the peer; undefined if it lacks it or is gone. */
  wantBlob(hash: string): Promise<Uint8Array[] | undefined>;
}

/**
 * Device ↔ device sync over any transport: hello (certificate, vector, epoch) both ways,
 * then each side sends what the other lacks and keeps sending new ops as they are written
 * or received from elsewhere (so ops hop on). Every received batch is verified and applied
 * through the engine; a gap or a missing key makes us ask again with `want`.
 */
export function runPeerSession(
  engine: SyncEngine,
  transport: Transport,
  events: PeerSessionEvents = {}
): DirectSession {
  let peer: string | undefined;
  let peerEpoch = 1;
  let phase: SyncPhase = 'connecting';
  /** What we believe the peer holds: its hello/want vector plus what we have sent since. */
  let sent: VersionVector | undefined;
  let pumping = false;
  let pumpAgain = false;
  let inbox: SealedBatch[] = [];
  let receiving = false;
  let resolveDone: () => void = () => {};
  const done = new Promise<void>((resolve) => (resolveDone = resolve));

  const setPhase = (next: SyncPhase): void => {
    phase = next;
    events.onPhase?.(next);
  };
  const send = (header: PeerHeader, body?: Uint8Array): void => {
    if (transport.isOpen()) transport.send(encodePeerFrame(header, body));
  };
  const blobs = peerBlobs({
    engine,
    async send(header, body) {
      send(header, body);
      await transport.whenWritable?.();
    },
    maxFrameBytes: () => transport.maxFrameBytes,
    peerEpoch: () => peerEpoch
  });
  const close = (reason: string): void => {
    transport.close(reason);
    finish();
  };
  const finish = (): void => {
    if (phase === 'closed') return;
    setPhase('closed');
    blobs.close();
    unlistenChange();
    unlistenKeys();
    unlisten();
    resolveDone();
  };

  async function hello(): Promise<void> {
    await engine.whenJoined();
    const keys = engine.keys;
    send({
      t: 'hello',
      v: PROTOCOL_VERSION,
      office: keys.office,
      device: keys.device,
      cert: keys.cert,
      vector: await engine.vector(),
      epoch: currentKey(keys).epoch,
      ...(keys.revocation ? { revocation: keys.revocation } : {})
    });
  }

  async function pump(): Promise<void> {
    if (pumping) return void (pumpAgain = true);
    pumping = true;
    try {
      do {
        pumpAgain = false;
        if (!sent || !transport.isOpen()) return;
        for await (const batch of engine.outgoing(sent, {
          maxBodyBytes: transport.maxFrameBytes - HEADER_ROOM,
          peerEpoch,
          certificate: false // the peer checked it in our hello
        })) {
          if (!transport.isOpen()) return;
          send({ t: 'batch', batch: batch.meta }, batch.body);
          sent = { ...sent, [batch.meta.device]: batch.meta.last };
          await transport.whenWritable?.();
        }
      } while (pumpAgain);
    } catch (error) {
      syncLog('send-failed', { peer, error: String(error) });
    } finally {
      pumping = false;
    }
  }

  async function drainInbox(): Promise<void> {
    if (receiving) return;
    receiving = true;
    try {
      while (inbox.length) {
        const batches = inbox;
        inbox = [];
        const result = await engine.receive(batches, peer ?? 'peer');
        const vector = await engine.vector();
        if (result.gaps || result.missingKey) send({ t: 'want', vector });
        send({ t: 'ack', vector });
      }
      if (phase === 'catching-up') setPhase('live');
    } catch (error) {
      syncLog('apply-failed', { peer, error: String(error) });
    } finally {
      receiving = false;
    }
  }

  function onHello(header: Extract<PeerHeader, { t: 'hello' }>): void {
    const keys = engine.keys;
    const refuse = (reason: string): void => {
      syncLog('reject', { from: header.device, reason });
      close(reason);
    };
    if (header.office !== keys.office) return refuse('wrong-office');
    if (
      header.cert.device !== header.device ||
      !learnSigner(keys, header.cert) // checks it, and its batches verify against it
    )
      return refuse('not-enrolled');
    if (
      header.revocation &&
      header.revocation.version > (keys.revocation?.version ?? 0) &&
      verifyRevocationList(keys.officePublic, keys.office, header.revocation)
    )
      engine.updateKeys({ ...keys, revocation: header.revocation });
    if (isRevoked(engine.keys, header.device)) return refuse('revoked');
    peer = header.device;
    peerEpoch = header.epoch;
    sent = header.vector;
    events.onPeerVector?.(header.device, header.vector);
    setPhase('catching-up');
    void pump();
    void drainInbox();
  }

  const unlisten = transport.listen({
    open() {
      void hello();
    },
    frame(bytes) {
      let message: ReturnType<typeof decodePeerFrame>;
      try {
        message = decodePeerFrame(bytes);
      } catch (error) {
        syncLog('reject', {
          from: peer ?? 'peer',
          reason: 'malformed',
          message: String(error)
        });
        return;
      }
      const { header, body } = message;
      if (header.t === 'hello') return onHello(header);
      if (!peer) return syncLog('reject', { reason: 'before-hello', t: header.t });
      if (header.t === 'batch') {
        // The peer holds what it sends: not to be sent back once we have applied it.
        const { device, last } = header.batch;
        if (sent && last > (sent[device] ?? 0)) sent = { ...sent, [device]: last };
        inbox.push({ meta: header.batch, body });
        void drainInbox();
      } else if (header.t === 'want') {
        sent = header.vector;
        void pump();
      } else if (header.t === 'ack') events.onPeerVector?.(peer, header.vector);
      else if (header.t === 'blob-want' || header.t === 'blob' || header.t === 'blob-none')
        blobs.frame(header, body);
    },
    close() {
      finish();
    }
  });
  // Declared after `finish` uses them: it only runs once the transport closes, later.
  const unlistenChange = engine.onChange(() => void pump());
  const unlistenKeys = engine.onKeys(() => void hello());

  return {
    get peer() {
      return peer;
    },
    get phase() {
      return phase;
    },
    done,
    wantBlob: (hash) =>
      peer && phase !== 'closed' ? blobs.want(hash) : Promise.resolve(undefined),
    close: (reason = 'closed') => close(reason)
  };
}
