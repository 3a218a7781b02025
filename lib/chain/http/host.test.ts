import { describe, expect, it } from "vitest";
import { validateHost } from "./host";

describe("validateHost (ngx_http_validate_host)", () => {
  it("drops the port and one trailing dot, lower-cases ASCII only", () => {
    expect(validateHost("T.Example.:80")).toBe("t.example");
    expect(validateHost("t.example:abc")).toBe("t.example");
    expect(validateHost("[::1]:8080")).toBe("[::1]");
    expect(validateHost("a[b]:1")).toBe("a[b]");
    expect(validateHost("[::1")).toBe("[::1");
    expect(validateHost("H\xc9")).toBe("h\xc9");
  });
  it("keeps what nginx allows: a leading dot, _ and backslash, a dot inside the port", () => {
    expect(validateHost(".t.example")).toBe(".t.example");
    expect(validateHost("my_host")).toBe("my_host");
    expect(validateHost("a\\b")).toBe("a\\b");
    expect(validateHost("a.:8.0")).toBe("a.");
  });
  it("refuses .., /, control bytes, space, DEL and an empty host", () => {
    for (const h of ["t.example..", "local..host", "a/b", "a\x01b", "a b", "\tlocalhost", "a\x7fb", "", ".", ":80"]) {
      expect(validateHost(h), JSON.stringify(h)).toBeNull();
    }
  });
});
