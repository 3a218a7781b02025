import { describe, expect, it } from "vitest";
import { adler32, guessMimetype, safeJoinName } from "./static-files";

describe("send_from_directory helpers", () => {
  it("adler32 equals zlib.adler32 (value printed by Python 3.11)", () => {
    expect(adler32("/tmp/fl/st/static/style.css")).toBe(2318928422);
  });
  it("safe_join refuses names that leave the folder", () => {
    expect(safeJoinName("docs/../style.css")).toBe("style.css");
    expect(safeJoinName("../app.py")).toBeNull();
    expect(safeJoinName("docs/../../x")).toBeNull();
    expect(safeJoinName("/etc/passwd")).toBeNull();
  });
  it("guesses types like Debian's mimetypes", () => {
    expect(guessMimetype("a.js")).toBe("text/javascript");
    expect(guessMimetype("a.ico")).toBe("image/vnd.microsoft.icon");
    expect(guessMimetype("noext")).toBe("application/octet-stream");
  });
});
