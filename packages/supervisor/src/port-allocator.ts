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

/** What binding `host:port` right now, the way an engine would, runs into. */
export type PortCheck = 'free' | 'in-use' | 'denied';

/**
 * Whether `host:port` can be bound right now, tried the way an engine would bind: free, taken by
 * another program, or refused to this user (a port below 1024 without the privilege). Other bind
 * failures are the engine's to report.
 */
export function checkPort(host: string, port: number): Promise<PortCheck> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'EADDRINUSE' ? 'in-use' : error.code === 'EACCES' ? 'denied' : 'free'),
    );
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve('free')));
  });
}

/** Whether nothing listens on `host:port` right now. */
export async function isPortFree(host: string, port: number): Promise<boolean> {
  return (await checkPort(host, port)) !== 'in-use';
}
