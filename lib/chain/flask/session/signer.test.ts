import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sha1, hmacSha1 } from "../../crypto/sha1";
import { signSession, unsignSession } from "./signer";

interface Case {
  key: string;
  json: string;
  time: number;
  cookie: string;
}

const cases = JSON.parse(readFileSync(path.join(import.meta.dirname, "fixtures", "signer-cases.json"), "utf8")) as Case[];
const utf8 = (s: string) => new TextEncoder().encode(s);
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("SHA-1 and HMAC-SHA1", () => {
  it("match the published test vectors", () => {
    expect(hex(sha1(utf8("")))).toBe("da39a3ee5e6b4b0d3255bfef95601890afd80709");
    expect(hex(sha1(utf8("abc")))).toBe("a9993e364706816aba3e25717850c26c9cd0d89d");
    expect(hex(sha1(utf8("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")))).toBe("84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    expect(hex(sha1(new Uint8Array(1_000_000).fill(0x61)))).toBe("34aa973cd4c4daa4f61eeb2bdbad27316534016f");
    // RFC 2202 cases 1 and 6 (a key longer than the block is hashed first).
    expect(hex(hmacSha1(new Uint8Array(20).fill(0x0b), utf8("Hi There")))).toBe("b617318655057264e28bc0b6fb378c8ef146be00");
    expect(hex(hmacSha1(new Uint8Array(80).fill(0xaa), utf8("Test Using Larger Than Block-Size Key - Hash Key First")))).toBe(
      "aa4ae5e15272d00e95705637ce8a3b55ed402112",
    );
  });
});

describe("itsdangerous' session serializer (fixtures/signer-cases.json from itsdangerous 2.1.2)", () => {
  it(`signs all ${cases.length} cases byte for byte, compressed ones included`, () => {
    const wrong = cases.filter((c) => signSession(utf8(c.key), c.json, c.time) !== c.cookie);
    expect(wrong).toEqual([]);
    expect(cases.some((c) => c.cookie.startsWith("."))).toBe(true);
  });

  it("reads every real cookie back within its age, and refuses it once older than max_age", () => {
    for (const c of cases) {
      expect(unsignSession(utf8(c.key), c.cookie, c.time + 10, 10)).toEqual({ ok: true, json: c.json, timestamp: c.time });
      expect(unsignSession(utf8(c.key), c.cookie, c.time + 11, 10)).toEqual({ ok: false, reason: "expired" });
    }
  });

  it("refuses a wrong key, a tampered payload, a cookie from the future and garbage", () => {
    const c = cases.find((x) => x.json.includes("kim") && x.time === 1764077466)!;
    expect(unsignSession(utf8("other"), c.cookie, c.time, 100)).toMatchObject({ reason: "bad-signature" });
    const tampered = c.cookie.replace(/^e/, "f");
    expect(unsignSession(utf8(c.key), tampered, c.time, 100)).toMatchObject({ reason: "bad-signature" });
    expect(unsignSession(utf8(c.key), c.cookie, c.time - 1, 100)).toMatchObject({ reason: "expired" });
    for (const junk of ["", "abc", "a.b", "..", "e30.aSWvmg.!!!", "\u0000.\u0001"]) {
      expect(unsignSession(utf8(c.key), junk, c.time, 100).ok).toBe(false);
    }
  });
});
