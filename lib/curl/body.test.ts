import { describe, expect, it } from "vitest";
import { gzipCompress } from "../chain/zlib/gzip";
import { curlBody } from "./body";

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
const page = new TextEncoder().encode("<h1>안녕하세요</h1>\n".repeat(20));
const gzipped = { headers: [["Content-Encoding", "gzip"]] as Array<[string, string]>, bodyBase64: b64(gzipCompress(page, { level: 1, windowBits: 10, memLevel: 3 })) };

describe("the body curl prints", () => {
  it("is the text of a text answer", async () => {
    expect(await curlBody({ compressed: false }, { headers: [], body: "hi\n" })).toEqual({ body: "hi\n", binary: false });
  });
  it("is binary for a gzip answer without --compressed (gzip's header has NUL bytes)", async () => {
    expect(await curlBody({ compressed: false }, gzipped)).toEqual({ body: "", binary: true });
  });
  it("is the decompressed text with --compressed", async () => {
    expect(await curlBody({ compressed: true }, gzipped)).toEqual({ body: new TextDecoder().decode(page), binary: false });
  });
  it("is UTF-8 decoded when the bytes are not valid UTF-8 but have no NUL", async () => {
    expect(await curlBody({ compressed: false }, { headers: [], bodyBase64: b64(new Uint8Array([0x68, 0xff])) })).toEqual({ body: "h\ufffd", binary: false });
  });
});
