import net, { type AddressInfo } from 'node:net';

/**
 * A loopback TCP proxy in front of a server. `cut()` closes the listener and every
 * connection, so the client's next connect is refused; `restore()` listens again on the same port.
 */
export class TcpProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  /** Connections made, and which side ended each first. */
  readonly stats = { connections: 0, endedByClient: 0, endedByServer: 0 };

  constructor(private readonly targetPort: number) {}

  async start(port = 0): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, '127.0.0.1');
      this.stats.connections++;
      let ended = false;
      const first = (who: 'endedByClient' | 'endedByServer') => () => {
        if (!ended) this.stats[who]++;
        ended = true;
      };
      client.once('end', first('endedByClient'));
      upstream.once('end', first('endedByServer'));
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.once('close', () => this.sockets.delete(s));
        s.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }

  restore(): Promise<void> {
    return this.start(this.port);
  }

  stop(): Promise<void> {
    return this.cut();
  }
}
