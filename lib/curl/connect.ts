/**
 * Where curl connects, and what curl 7.88 prints when nothing answers there. The course's machine is one Debian
 * host: `localhost` and 127.x.x.x reach the scenario's nginx, but only on a port one of its `server {}` blocks
 * listens on (the chain decides that, from the config). Any other name does not resolve; any other address is a
 * network the course does not model, which the terminal says in Korean instead of inventing an answer.
 *
 * Text checked against the real curl 7.88.1 on Debian 12 (stdout a terminal, so no progress meter):
 *   curl -v http://localhost:5000/  →  *   Trying 127.0.0.1:5000...
 *                                      * connect to 127.0.0.1 port 5000 failed: Connection refused
 *                                      *   Trying [::1]:5000...
 *                                      * connect to ::1 port 5000 failed: Connection refused
 *                                      * Failed to connect to localhost port 5000 after 0 ms: Couldn't connect to server
 *                                      * Closing connection 0
 *                                      curl: (7) Failed to connect to localhost port 5000 after 0 ms: Couldn't connect to server
 *   curl http://nosuchhost.invalid/  →  curl: (6) Could not resolve host: nosuchhost.invalid
 * Simplification: nginx's model listens on IPv4, so `localhost` is tried on 127.0.0.1 and, when that is refused,
 * reported refused on ::1 too (a config with `listen [::]:port` would answer there for real).
 */
import type { CurlCommand } from "./parse";

export type Destination =
  /** This machine: ask the chain whether nginx listens on `address:port`. */
  | { kind: "local"; address: string; port: number }
  /** curl fails before connecting (exit status 6). */
  | { kind: "unresolved" }
  /** An address elsewhere on a network the course does not model. */
  | { kind: "elsewhere" };

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function destinationOf(command: Pick<CurlCommand, "hostname" | "port">): Destination {
  const name = command.hostname.toLowerCase().replace(/\.$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) return { kind: "local", address: "127.0.0.1", port: command.port };
  const v4 = IPV4.exec(name);
  if (v4) {
    if (v4.slice(1).some((part) => Number(part) > 255)) return { kind: "unresolved" };
    return v4[1] === "127" ? { kind: "local", address: name, port: command.port } : { kind: "elsewhere" };
  }
  if (name.includes(":")) return name === "::1" ? { kind: "local", address: "127.0.0.1", port: command.port } : { kind: "elsewhere" };
  return { kind: "unresolved" };
}

export interface CurlFailure {
  /** `*` lines curl writes with -v. */
  verbose: string[];
  /** The `curl: (N) …` line on stderr, empty with -s. */
  stderr: string;
  exitCode: number;
}

/** curl's output when the connection is refused (exit status 7). */
export function connectRefused(command: Pick<CurlCommand, "hostname" | "port" | "verbose" | "silent">): CurlFailure {
  const { hostname, port } = command;
  const message = `Failed to connect to ${hostname} port ${port} after 0 ms: Couldn't connect to server`;
  const verbose: string[] = [];
  if (command.verbose) {
    const isName = !IPV4.test(hostname) && !hostname.includes(":");
    const tries = isName ? ["127.0.0.1", "::1"] : [hostname];
    for (const address of tries) {
      verbose.push(`*   Trying ${address.includes(":") ? `[${address}]` : address}:${port}...`, `* connect to ${address} port ${port} failed: Connection refused`);
    }
    verbose.push(`* ${message}`, "* Closing connection 0");
  }
  return { verbose, stderr: command.silent ? "" : `curl: (7) ${message}`, exitCode: 7 };
}

/** curl's output when the host name does not resolve (exit status 6). */
export function hostNotResolved(command: Pick<CurlCommand, "hostname" | "verbose" | "silent">): CurlFailure {
  const message = `Could not resolve host: ${command.hostname}`;
  return {
    verbose: command.verbose ? [`* ${message}`, "* Closing connection 0"] : [],
    stderr: command.silent ? "" : `curl: (6) ${message}`,
    exitCode: 6,
  };
}
