import { createServer } from 'node:net';
import getPort from 'get-port';

/**
 * Hands out free ports. Ports it handed out are not handed out again until released, so two
 * launches in one process never get the same port even before either engine has bound it.
 */
export class PortAllocator {
  private readonly handedOut = new Set<number>();

  async freePort(host: string): Promise<number> {
    const port = await getPort({ host, exclude: this.handedOut });
    this.handedOut.add(port);
    return port;
  }

  release(port: number): void {
    this.handedOut.delete(port);
  }
}

/**
 * Whether nothing listens on `host:port` right now, tried the way an engine would bind. Other bind
 * failures (an address not on this machine, a privileged port) are the engine's to report.
 */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code !== 'EADDRINUSE'));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}
