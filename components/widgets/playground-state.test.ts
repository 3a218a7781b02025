import { describe, expect, it } from "vitest";
import { decodeShare, encodeShare, sanitizeEdits } from "./playground-state";

describe("playground share links", () => {
  it("round-trips Korean text through the URL fragment", () => {
    const edits = { "nginx.conf": "server { listen 80; } # 한글", "app.py": "print('안녕')\n" };
    const encoded = encodeShare(edits);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeShare(encoded, ["nginx.conf", "app.py"])).toEqual(edits);
  });
  it("keeps only files the playground offers and refuses garbage", () => {
    expect(decodeShare(encodeShare({ "nginx.conf": "a", "/etc/passwd": "b" }), ["nginx.conf"])).toEqual({ "nginx.conf": "a" });
    expect(decodeShare("%%%", ["nginx.conf"])).toBeNull();
    expect(sanitizeEdits({ "app.py": 42 }, ["app.py"])).toEqual({});
    expect(sanitizeEdits({ "app.py": "x".repeat(200_000) }, ["app.py"])).toEqual({});
  });
});
