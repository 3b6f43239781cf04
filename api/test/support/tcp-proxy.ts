import net from 'node:net';

/**
 * A TCP proxy between the app and PostgreSQL that the test can tell to stop forwarding (a database that
 * hangs: connections stay open, nothing comes back), to refuse (connections cut and refused), or to forward.
 */
export class TcpProxy {
  private mode: 'forward' | 'hang' | 'refuse' = 'forward';
  private readonly server: net.Server;
  private readonly pairs = new Set<{ client: net.Socket; upstream: net.Socket; flush(): void }>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {
    this.server = net.createServer((client) => this.accept(client));
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  private accept(client: net.Socket) {
    if (this.mode === 'refuse') {
      client.destroy();
      return;
    }
    const upstream = net.connect(this.targetPort, this.targetHost);
    const toUpstream: Buffer[] = [];
    const toClient: Buffer[] = [];
    const pair = {
      client,
      upstream,
      flush: () => {
        for (const b of toUpstream.splice(0)) upstream.write(b);
        for (const b of toClient.splice(0)) client.write(b);
      },
    };
    this.pairs.add(pair);
    client.on('data', (d) => (this.mode === 'forward' ? upstream.write(d) : toUpstream.push(d)));
    upstream.on('data', (d) => (this.mode === 'forward' ? client.write(d) : toClient.push(d)));
    const end = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  }

  /** Stops forwarding in both directions; what arrives is held (as a hung server or network would). */
  hang() {
    this.mode = 'hang';
  }

  /** Cuts every connection and refuses new ones. */
  refuse() {
    this.mode = 'refuse';
    for (const p of [...this.pairs]) {
      p.client.destroy();
      p.upstream.destroy();
    }
  }

  /** Forwards again, delivering what was held. */
  forward() {
    this.mode = 'forward';
    for (const p of this.pairs) p.flush();
  }

  async close() {
    this.refuse();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
