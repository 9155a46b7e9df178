/**
 * Starts the HTTP server of `kubelab serve` on 127.0.0.1 only: plain requests through httpListener, WebSocket upgrades
 * (exec) through execUpgradeHandler. Returns a handle to stop it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiHandler, ApiRequest } from '../../sim/apiserver/types';
import { execUpgradeHandler } from './exec-ws';
import { portForwardUpgradeHandler } from './portforward';
import { httpListener, type BodyDecoder } from './http';

export interface RunningServer {
  port: number;
  url: string;
  server: Server;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(public port: number) {
    super(`port ${port} on 127.0.0.1 is already in use (is another kubelab serve running?)`);
  }
}

export function startHttpServer(
  handler: ApiHandler,
  opts: { port: number; decodeProtobuf?: BodyDecoder; onRequest?: (r: ApiRequest, code: number) => void },
): Promise<RunningServer> {
  const server = createServer(httpListener(handler, opts));
  const exec = execUpgradeHandler(handler);
  const portForward = portForwardUpgradeHandler(handler);
  server.on('upgrade', (req, socket, head) => {
    if (!portForward(req, socket, head)) exec(req, socket, head);
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? new PortInUseError(opts.port) : e));
    server.listen(opts.port, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        url: `http://127.0.0.1:${port}`,
        server,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
