/**
 * nginx's browser flags, case by case. The same user agents are recorded end to end from the real nginx in
 * fixtures/real (ua-pad-*, ua-dis-*, gz-disable-*, *-padding), where the flags show as msie_padding and gzip_disable.
 */
import { describe, expect, it } from "vitest";
import { browserFlags, type BrowserFlags } from "./user-agent";

const only = (...set: Array<keyof BrowserFlags>) => expect.objectContaining(Object.fromEntries(["msie", "msie6", "opera", "gecko", "chrome", "safari", "konqueror"].map((k) => [k, set.includes(k as keyof BrowserFlags)])));

describe("browserFlags", () => {
  it.each([
    ["Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)", only("msie", "msie6")],
    ["Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)", only("msie")],
    ["SV1 MSIE 6.0; x", only("msie", "msie6")], // only an SV1 after the version counts
    ["Mozilla/4.0 (compatible; MSIE 5.5; Windows 98)", only("msie", "msie6")],
    ["Mozilla/2.0 (compatible; MSIE 4.01; Windows 95)", only("msie", "msie6")],
    ["Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.0)", only("msie")],
    ["Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.1)", only("msie")],
    ["MSIE 6.0", only("msie", "msie6")],
    ["MSIE 6.", only()], // too short for nginx to read a version
    ["mozilla/4.0 (compatible; msie 6.0; windows)", only()], // case-sensitive
    ["Opera/9.0 (MSIE 6.0; Windows)", only("opera")],
    ["Opera Chrome/1", only("opera")],
    ["Mozilla/5.0 Gecko/20100101 Chrome/1", only("gecko")],
    ["Mozilla/5.0 (X11) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120 Safari/537.36", only("chrome")],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15", only("safari")],
    ["Mozilla/5.0 (compatible; Konqueror/4.5)", only("konqueror")],
    ["curl/7.88.1", only()],
  ])("%s", (userAgent, expected) => {
    expect(browserFlags(userAgent)).toEqual(expected);
  });

  it("has no flags without a User-Agent", () => {
    expect(browserFlags(undefined)).toEqual(only());
  });
});
