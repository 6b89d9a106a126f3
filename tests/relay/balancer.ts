import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A small TCP load balancer for tests: what haproxy does in the README's "Many offices"
 * deployment (`balance leastconn`, `option redispatch`), in a few lines. Devices know one relay
 * address; each new connection goes to the live relay process with the fewest WebSocket
 * sessions (plain HTTP requests such as the desk's inbox long poll are not sessions and would
 * skew a count of all connections); a process that refuses the connection (dead) is marked down
 * and the connection is sent to the next one, so a device reconnecting after a `kill -9` lands
 * on a process still running. Bytes are passed through untouched (TLS would end here).
 */
export interface Balancer {
  /** ws://127.0.0.1:port/v1 — the one relay address the devices are given. */
  url: string;
  httpUrl: string;
  port: number;
  /** Open WebSocket sessions per backend (index as given). */
  sessions(): number[];
  /** Send new connections to this backend first while it is live (an operator moving a device); `undefined` returns to leastconn. */
  steer(backend: number | undefined): void;
  close(): Promise<void>;
}

interface Backend {
  port: number;
  sessions: number;
  down: boolean;
}

export async function startBalancer(backendPorts: number[]): Promise<Balancer> {
  const backends: Backend[] = backendPorts.map((port) => ({ port, sessions: 0, down: false }));
  const open = new Set<Socket>();
  let steered: Backend | undefined;

  const route = (client: Socket, first: Buffer): void => {
    const isSession = /^upgrade:\s*websocket/im.test(first.toString('latin1'));
    // Live first, then fewest sessions, then the order given; down ones are still tried last
    // (a process may have come back).
    const order = [...backends].sort(
      (a, b) =>
        Number(a.down) - Number(b.down) ||
        Number(b === steered) - Number(a === steered) ||
        a.sessions - b.sessions
    );
    const attempt = (i: number): void => {
      const backend = order[i];
      if (!backend || client.destroyed) return void client.destroy();
      const upstream = connect(backend.port, '127.0.0.1');
      open.add(upstream);
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        backend.down = false;
        if (isSession) {
          backend.sessions++;
          upstream.once('close', () => backend.sessions--);
        }
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.on('close', () => upstream.destroy());
        upstream.write(first);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      upstream.once('error', () => {
        open.delete(upstream);
        if (connected) return;
        backend.down = true;
        attempt(i + 1);
      });
      upstream.once('close', () => open.delete(upstream));
    };
    attempt(0);
  };

  const server: Server = createServer((client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => client.destroy());
    client.once('data', (first: Buffer) => {
      client.pause();
      route(client, first);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `ws://127.0.0.1:${port}/v1`,
    httpUrl: `http://127.0.0.1:${port}`,
    port,
    sessions: () => backends.map((b) => b.sessions),
    steer(backend) {
      steered = backend === undefined ? undefined : backends[backend];
    },
    async close() {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  };
}
