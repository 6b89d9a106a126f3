import type { Transport } from '../transport';
import { channelTransport } from './channel-transport';

export interface PeerLinkOptions {
  /** STUN/TURN servers; none by default (tablets on one office LAN reach each other by host candidates). */
  iceServers: RTCIceServer[];
  /** How long to wait for ICE gathering before sending the SDP with what was found. */
  gatherTimeoutMs: number;
  createPeerConnection(config: RTCConfiguration): RTCPeerConnection;
}

/**
 * One attempt at a data channel with one other device. The channel is pre-negotiated
 * (`negotiated: true, id: 0`) so both ends have it at once, no `datachannel` event to wait
 * for. ICE candidates ride inside the SDP (gathering completes before it is sent): one
 * sealed offer and one sealed answer per attempt, rather than a stream of trickled
 * candidates through the relay. With host candidates only, gathering takes milliseconds.
 */
export class PeerLink {
  readonly pc: RTCPeerConnection;
  readonly transport: Transport;
  /** Resolves when the channel opens; rejects if the link closes first. */
  readonly opened: Promise<void>;
  private closed = false;

  constructor(
    readonly peer: string,
    readonly session: string,
    private readonly options: PeerLinkOptions
  ) {
    this.pc = options.createPeerConnection({ iceServers: options.iceServers });
    const channel = this.pc.createDataChannel('guanjia-sync', {
      negotiated: true,
      id: 0,
      ordered: true
    });
    this.transport = channelTransport(channel, this.pc);
    this.opened = new Promise<void>((resolve, reject) => {
      channel.addEventListener('open', () => resolve());
      channel.addEventListener('close', () => reject(new Error('channel closed before open')));
    });
    this.opened.catch(() => undefined);
  }

  async offer(): Promise<string> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    return this.gathered();
  }

  async answer(offerSdp: string): Promise<string> {
    await this.pc.setRemoteDescription({ type: 'offer', sdp: offerSdp });
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    return this.gathered();
  }

  async accept(answerSdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answerSdp });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(reason = 'closed'): void {
    if (this.closed) return;
    this.closed = true;
    this.transport.close(reason);
    this.pc.close();
  }

  private gathered(): Promise<string> {
    const pc = this.pc;
    return new Promise<string>((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        pc.removeEventListener('icegatheringstatechange', check);
        const sdp = pc.localDescription?.sdp;
        if (sdp && !this.closed) resolve(sdp);
        else reject(new Error('link closed while gathering'));
      };
      const check = (): void => {
        if (pc.iceGatheringState === 'complete') finish();
      };
      const timer = setTimeout(finish, this.options.gatherTimeoutMs);
      pc.addEventListener('icegatheringstatechange', check);
      check();
    });
  }
}
