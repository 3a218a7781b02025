import { describe, expect, test } from "vitest";
import { buildHash, hashKeyLc, proxyHeaderKeys } from "./hashes";

describe("ngx_hash_init model", () => {
  test("the key hash is nginx's key * 31 + lowercase byte over 64 bits", () => {
    expect(hashKeyLc("Host")).toBe(hashKeyLc("host"));
    expect(hashKeyLc("ab")).toBe(97n * 31n + 98n);
    // Long keys wrap around 2^64 instead of growing.
    expect(hashKeyLc("x".repeat(100)) < 1n << 64n).toBe(true);
  });

  test("proxy_params alone builds; a long header set twice cannot fit any bucket", () => {
    const params = ["Host", "X-Real-IP", "X-Forwarded-For", "X-Forwarded-Proto"];
    expect(buildHash(proxyHeaderKeys(params), 512, 64)).toBe("ok");
    expect(buildHash(proxyHeaderKeys([...params, "X-Forwarded-Proto"]), 512, 64)).toBe("not-optimal");
    // Short names fit twice in one 56-byte bucket.
    expect(buildHash(proxyHeaderKeys(["Host", "Host"]), 512, 64)).toBe("ok");
  });

  test("a key longer than 46 bytes never fits a 64-byte bucket", () => {
    expect(buildHash(["a".repeat(46), "x"], 512, 64)).toBe("ok");
    expect(buildHash(["a".repeat(47), "x"], 512, 64)).toBe("bucket-too-small");
  });

  test("defaults named by proxy_set_header are not added again", () => {
    expect(proxyHeaderKeys(["host", "X-A"])).toEqual(["host", "X-A", "Connection", "Content-Length", "Transfer-Encoding", "TE", "Keep-Alive", "Expect", "Upgrade"]);
  });
});
