// Runs the app on a port and closes it gracefully on SIGINT/SIGTERM.
import type { FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from './app.js';

export interface ServeOptions extends AppOptions {
  host?: string;
  port?: number;
}

export interface RunningServer {
  app: FastifyInstance;
  /** Base URL of the API, prefix included, e.g. `http://127.0.0.1:8080/api`. */
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8080;

/** The port is taken (another server runs there): said in one line by whoever started the server. */
export class PortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
  ) {
    super(`port ${port} on ${host} is taken (is another server running there?)`);
  }
}

export async function serve(options: ServeOptions): Promise<RunningServer> {
  const app = buildApp(options);
  // The server owns the store from here on.
  app.addHook('onClose', () => options.store.close());
  const host = options.host ?? '127.0.0.1';
  const wanted = options.port ?? DEFAULT_PORT;
  try {
    await app.listen({ host, port: wanted });
  } catch (error) {
    await app.close(); // and the store with it
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(host, wanted);
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const prefix = (options.prefix ?? '/api').replace(/\/+$/, '');
  return {
    app,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}${prefix}`,
    close: () => app.close(),
  };
}

/** Closes the server on the first SIGINT/SIGTERM; a second one exits at once. */
export function closeOnSignals(server: RunningServer): void {
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) process.exit(1);
      closing = true;
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}
