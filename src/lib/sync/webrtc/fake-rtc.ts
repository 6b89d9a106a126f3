/**
 * An in-memory stand-in for RTCPeerConnection, for unit tests of the direct-sync logic in
 * Node (which has no WebRTC): an offer's SDP names its connection, the answer's too, and
 * once the offerer accepts the answer the two pre-negotiated channels open and pass
 * messages to each other. `cutAll()` drops every channel, as a network failure would.
 * Real WebRTC is exercised by the browser test and the bench.
 */
export class FakeDataChannel extends EventTarget {
  readyState: RTCDataChannelState = 'connecting';
  bufferedAmount = 0;
  bufferedAmountLowThreshold = 0;
  binaryType: BinaryType = 'blob';
  other: FakeDataChannel | undefined;

  send(data: Uint8Array): void {
    if (this.readyState !== 'open') throw new Error('InvalidStateError: channel not open');
    const copy = data.slice().buffer;
    setTimeout(() => this.other?.receive(copy), 0);
  }

  receive(data: ArrayBuffer): void {
    if (this.readyState === 'open') this.dispatchEvent(new MessageEvent('message', { data }));
  }

  open(): void {
    if (this.readyState !== 'connecting') return;
    this.readyState = 'open';
    this.dispatchEvent(new Event('open'));
  }

  close(): void {
    if (this.readyState === 'closed') return;
    this.readyState = 'closed';
    this.dispatchEvent(new Event('close'));
    this.other?.close();
  }
}

export class FakeNetwork {
  readonly connections = new Map<string, FakePeerConnection>();
  created = 0;

  factory = (): RTCPeerConnection => {
    this.created++;
    return new FakePeerConnection(this) as unknown as RTCPeerConnection;
  };

  cutAll(): void {
    for (const pc of this.connections.values()) pc.channel?.close();
  }

  openChannels(): number {
    return [...this.connections.values()].filter((pc) => pc.channel?.readyState === 'open').length;
  }
}

let counter = 0;

export class FakePeerConnection extends EventTarget {
  readonly name = `pc${++counter}`;
  connectionState: RTCPeerConnectionState = 'new';
  iceGatheringState: RTCIceGatheringState = 'new';
  readonly sctp = { maxMessageSize: 262_144 };
  localDescription: RTCSessionDescriptionInit | null = null;
  channel: FakeDataChannel | undefined;
  private remote: FakePeerConnection | undefined;

  constructor(private readonly network: FakeNetwork) {
    super();
    network.connections.set(this.name, this);
  }

  createDataChannel(): FakeDataChannel {
    this.channel = new FakeDataChannel();
    return this.channel;
  }

  async createOffer(): Promise<RTCSessionDescriptionInit> {
    return { type: 'offer', sdp: `fake ${this.name}` };
  }

  async createAnswer(): Promise<RTCSessionDescriptionInit> {
    return { type: 'answer', sdp: `fake ${this.name}` };
  }

  async setLocalDescription(description: RTCSessionDescriptionInit): Promise<void> {
    this.localDescription = description;
    this.iceGatheringState = 'complete';
  }

  async setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void> {
    const name = /^fake (pc\d+)$/.exec(description.sdp ?? '')?.[1];
    const remote = name ? this.network.connections.get(name) : undefined;
    if (!remote) throw new Error('OperationError: unknown remote description');
    this.remote = remote;
    if (description.type === 'answer') setTimeout(() => this.connect(), 0);
  }

  private connect(): void {
    const mine = this.channel;
    const theirs = this.remote?.channel;
    if (!mine || !theirs || this.remote?.remote !== this) return;
    if (mine.readyState !== 'connecting' || theirs.readyState !== 'connecting') return;
    mine.other = theirs;
    theirs.other = mine;
    mine.open();
    theirs.open();
  }

  close(): void {
    if (this.connectionState === 'closed') return;
    this.connectionState = 'closed';
    this.channel?.close();
    this.network.connections.delete(this.name);
  }
}
