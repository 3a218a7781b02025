import { describe, expect, it } from "vitest";
import { closesConnection, errorPage, reasonPhrase, statusLine } from "./special-response";

describe("nginx 1.22.1 built-in pages", () => {
  // Content-Length of each page as the real nginx sent it (fixtures/real and manual captures).
  const measured: Array<[number, number]> = [
    [301, 169], [302, 145], [400, 157], [403, 153], [404, 153], [405, 157], [413, 183], [414, 177], [416, 197],
    [494, 233], [500, 177], [501, 165], [502, 157], [504, 167], [505, 187],
  ];
  for (const [status, length] of measured) {
    it(`${status} page is ${length} bytes`, () => {
      expect(errorPage(status, { serverTokens: true, padding: false })!.length).toBe(length);
    });
  }
  it("is byte-identical for 404", () => {
    expect(errorPage(404, { serverTokens: true, padding: false })).toBe(
      "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n",
    );
  });
  it("hides the version with server_tokens off and pads for MSIE/Chrome (measured 502: 559 bytes)", () => {
    expect(errorPage(503, { serverTokens: false, padding: false })).toContain("<hr><center>nginx</center>");
    expect(errorPage(502, { serverTokens: true, padding: true })!.length).toBe(559);
    expect(errorPage(302, { serverTokens: true, padding: true })!.length).toBe(145);
  });
  it("has no page for statuses nginx has none for", () => {
    expect(errorPage(418, { serverTokens: true, padding: false })).toBeNull();
  });
  it("writes nginx's status lines (302 Moved Temporarily, 494 as 400, none for 418)", () => {
    expect(statusLine(302)).toBe("HTTP/1.1 302 Moved Temporarily");
    expect(statusLine(494)).toBe("HTTP/1.1 400 Bad Request");
    expect(statusLine(418)).toBe("HTTP/1.1 418 ");
    expect(reasonPhrase(504)).toBe("Gateway Time-out");
  });
  it("closes the connection after 400/413/414/500/501 but not 404/502/504", () => {
    expect([400, 413, 414, 500, 501].every(closesConnection)).toBe(true);
    expect([404, 502, 504].some(closesConnection)).toBe(false);
  });
});
