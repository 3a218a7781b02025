import { describe, expect, it } from "vitest";
import { connectRefused, destinationOf, hostNotResolved } from "./connect";
import { parseCurl } from "./parse";

const command = (line: string) => {
  const parsed = parseCurl(line);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.command;
};

describe("where curl connects", () => {
  it("takes the port from the URL, 80 for http and 443 for https", () => {
    expect(command("curl http://127.0.0.1:5000/")).toMatchObject({ scheme: "http", hostname: "127.0.0.1", port: 5000, host: "127.0.0.1:5000" });
    expect(command("curl https://localhost/")).toMatchObject({ scheme: "https", hostname: "localhost", port: 443, host: "localhost" });
    expect(command("curl localhost/x")).toMatchObject({ port: 80 });
  });
  it("is this machine for localhost and 127.x, nowhere for unknown names", () => {
    expect(destinationOf(command("curl http://localhost:8080/"))).toEqual({ kind: "local", address: "127.0.0.1", port: 8080 });
    expect(destinationOf(command("curl http://127.0.0.2/"))).toEqual({ kind: "local", address: "127.0.0.2", port: 80 });
    expect(destinationOf(command("curl http://nosuchhost.invalid/"))).toEqual({ kind: "unresolved" });
    expect(destinationOf(command("curl http://10.0.0.5/"))).toEqual({ kind: "elsewhere" });
  });
});

// Each expectation is what the real curl 7.88.1 printed on Debian 12 for a port nothing listens on.
describe("curl's failure text", () => {
  it("refused, by address", () => {
    expect(connectRefused(command("curl -v http://127.0.0.1:5000/"))).toEqual({
      verbose: [
        "*   Trying 127.0.0.1:5000...",
        "* connect to 127.0.0.1 port 5000 failed: Connection refused",
        "* Failed to connect to 127.0.0.1 port 5000 after 0 ms: Couldn't connect to server",
        "* Closing connection 0",
      ],
      stderr: "curl: (7) Failed to connect to 127.0.0.1 port 5000 after 0 ms: Couldn't connect to server",
      exitCode: 7,
    });
  });
  it("refused, by name: both addresses of localhost are tried", () => {
    expect(connectRefused(command("curl -v http://localhost:5000/")).verbose).toEqual([
      "*   Trying 127.0.0.1:5000...",
      "* connect to 127.0.0.1 port 5000 failed: Connection refused",
      "*   Trying [::1]:5000...",
      "* connect to ::1 port 5000 failed: Connection refused",
      "* Failed to connect to localhost port 5000 after 0 ms: Couldn't connect to server",
      "* Closing connection 0",
    ]);
    expect(connectRefused(command("curl https://localhost/")).stderr).toBe("curl: (7) Failed to connect to localhost port 443 after 0 ms: Couldn't connect to server");
  });
  it("-s hides the message but not the exit status", () => {
    expect(connectRefused(command("curl -s http://127.0.0.1:5000/"))).toEqual({ verbose: [], stderr: "", exitCode: 7 });
  });
  it("a name that does not resolve", () => {
    expect(hostNotResolved(command("curl -v http://nosuchhost.invalid/"))).toEqual({
      verbose: ["* Could not resolve host: nosuchhost.invalid", "* Closing connection 0"],
      stderr: "curl: (6) Could not resolve host: nosuchhost.invalid",
      exitCode: 6,
    });
  });
});
