import { describe, expect, it } from "vitest";
import { sourceText } from "./source-text";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("sourceText", () => {
  it("gives the same text a same number, whichever bytes object holds it", () => {
    const a = sourceText(bytes("server { listen 80; }"))!;
    const b = sourceText(bytes("server { listen 80; }"))!;
    const c = sourceText(bytes("server { listen 81; }"))!;
    expect(a.text).toBe("server { listen 80; }");
    expect(b.number).toBe(a.number);
    expect(c.number).not.toBe(a.number);
  });

  it("notices bytes changed in place", () => {
    const data = bytes("app = 1");
    expect(sourceText(data)!.text).toBe("app = 1");
    data[6] = "2".charCodeAt(0);
    expect(sourceText(data)!.text).toBe("app = 2");
  });

  it("reads Hangul and refuses what is not UTF-8", () => {
    expect(sourceText(bytes("# 안녕"))!.text).toBe("# 안녕");
    expect(sourceText(new Uint8Array([0x61, 0xff, 0x62]))).toBeNull();
  });
});
