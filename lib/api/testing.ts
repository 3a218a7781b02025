/** For tests of the production server's direct API path: a Node server on 127.0.0.1 that answers as it would. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { DirectApi } from "./direct.server";

export interface DirectTestServer {
  port: number;
  origin: string;
  close(): Promise<void>;
}

/** Serves `direct` on a free port; what it leaves to Next is a 404 marked `x-answered-by: next`. */
export function listenDirect(direct: DirectApi): Promise<DirectTestServer> {
  const server = createServer((req, res) => {
    if (direct(req, res)) return;
    res.writeHead(404, { "x-answered-by": "next" }).end("left to Next");
  });
  // No idle timeout on kept-alive connections: with one (Node's default is 5 s) the server may close a connection
  // in the same moment the client reuses it, when a loaded machine runs both late, and that request fails for no
  // reason of the API's. close() still ends idle connections.
  server.keepAliveTimeout = 0;
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as AddressInfo).port;
      resolve({ port, origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((done) => server.close(() => done())) });
    }),
  );
}
