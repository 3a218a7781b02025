import { describe, expect, it } from "vitest";
import { parseHttpTime } from "./http-time";

const t = Date.UTC(2026, 2, 2, 9, 0, 0) / 1000;

describe("parseHttpTime (ngx_parse_http_time)", () => {
  it("reads the three HTTP date forms", () => {
    expect(parseHttpTime("Mon, 02 Mar 2026 09:00:00 GMT")).toBe(t);
    expect(parseHttpTime("Monday, 02-Mar-26 09:00:00 GMT")).toBe(t);
    expect(parseHttpTime("Mon Mar  2 09:00:00 2026")).toBe(t);
  });
  it("refuses what nginx refuses", () => {
    for (const s of ["garbage", "Mon, 30 Feb 2026 09:00:00 GMT", "Mon, 02 Mar 2026 24:00:00 GMT", "Mon, 02 Xyz 2026 09:00:00 GMT"]) {
      expect(parseHttpTime(s), s).toBeNull();
    }
  });
});
