/* Down mode: close the listening socket and destroy every open connection, then come
 * back on the same port (on demand or after downForMs). Also ends hung requests on close. */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export class Listener {
  private readonly sockets = new Set<Socket>();
  private upTimer: NodeJS.Timeout | undefined;
  private downState = false;
  /** Set once the first listen has picked the port. */
  port = 0;

  constructor(
    private readonly server: Server,
    private readonly host: string,
  ) {
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
  }

  get isDown(): boolean {
    return this.downState;
  }

  async down(forMs?: number): Promise<void> {
    if (forMs !== undefined) {
      clearTimeout(this.upTimer);
      this.upTimer = setTimeout(() => void this.up(), forMs);
    }
    if (this.downState) return;
    this.downState = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.destroyConnections();
    await closed;
  }

  async up(): Promise<void> {
    clearTimeout(this.upTimer);
    this.upTimer = undefined;
    if (!this.downState) return;
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once('error', onError);
      this.server.listen(this.port, this.host, () => {
        this.server.off('error', onError);
        resolve();
      });
    });
    this.downState = false;
  }

  destroyConnections(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  /** Before shutdown: no timer may re-open the port. */
  stopTimers(): void {
    clearTimeout(this.upTimer);
    this.upTimer = undefined;
  }
}
