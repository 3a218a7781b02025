import { describe, expect, it } from "vitest";
import { parseMembership, parseTeachFragment, parseTeachSession } from "./membership";

describe("stored class membership", () => {
  it("reads a valid record and nothing else", () => {
    const ok = { code: "K7M2QX", title: "1반", nickname: "다람쥐", token: "t".repeat(43), follow: true };
    expect(parseMembership(ok)).toEqual(ok);
    expect(parseMembership({ ...ok, token: "" })).toBeNull();
    expect(parseMembership({ ...ok, nickname: "x".repeat(21) })).toBeNull();
    expect(parseMembership("garbage")).toBeNull();
    expect(parseTeachSession({ code: "K7M2QX", secret: "s".repeat(43) })).toEqual({ code: "K7M2QX", secret: "s".repeat(43), broadcast: true });
  });

  it("reads the instructor link's fragment", () => {
    expect(parseTeachFragment("#K7M2QX." + "a".repeat(43))).toEqual({ code: "K7M2QX", secret: "a".repeat(43) });
    expect(parseTeachFragment("#K7M2QX")).toBeNull();
    expect(parseTeachFragment("#<script>.x")).toBeNull();
  });
});
