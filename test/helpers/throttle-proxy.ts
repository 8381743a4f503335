// A TCP proxy on 127.0.0.1 that slows what clients send (uploads) to a rate, so a test can act in
// the middle of an upload. Answers flow back at full speed.
import net from 'node:net';

export class ThrottleProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private readonly target: number;
  bytesPerSecond: number;
  /** Every byte clients sent through the proxy (requests with their headers and bodies). */
  bytesUp = 0;

  constructor(targetPort: number, bytesPerSecond: number) {
    this.target = targetPort;
    this.bytesPerSecond = bytesPerSecond;
  }

  async start(): Promise<this> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target, '127.0.0.1');
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.on('data', (chunk: Buffer) => {
        this.bytesUp += chunk.length;
        upstream.write(chunk);
        client.pause();
        setTimeout(() => client.resume(), (1000 * chunk.length) / this.bytesPerSecond);
      });
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get port(): number {
    return (this.server!.address() as net.AddressInfo).port;
  }

  /** `url` with its port swapped for the proxy's. */
  via(url: string): string {
    const u = new URL(url);
    u.port = String(this.port);
    return u.toString();
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
