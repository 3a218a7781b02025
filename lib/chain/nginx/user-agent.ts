/**
 * What nginx notes about a request's browser while reading its User-Agent header (ngx_http_process_user_agent in
 * ngx_http_request.c, 1.22): plain substring tests, case-sensitive, on the first User-Agent header only. Later
 * phases ask these flags instead of the header: msie_padding (msie, chrome) and gzip_disable msie6 (msie6).
 */
export interface BrowserFlags {
  msie: boolean;
  /** MSIE 4 or 5, or MSIE 6 without "SV1" after its version (the builds whose gzip support was broken). */
  msie6: boolean;
  opera: boolean;
  gecko: boolean;
  chrome: boolean;
  safari: boolean;
  konqueror: boolean;
}

const NONE: BrowserFlags = { msie: false, msie6: false, opera: false, gecko: false, chrome: false, safari: false, konqueror: false };

export function browserFlags(userAgent: string | undefined): BrowserFlags {
  if (userAgent === undefined) return NONE;
  const flags = { ...NONE };
  const at = userAgent.indexOf("MSIE ");
  // nginx wants at least eight bytes from "MSIE " on ("MSIE 6.0") before it reads the version.
  if (at >= 0 && at + 7 < userAgent.length) {
    flags.msie = true;
    if (userAgent[at + 6] === ".") {
      const major = userAgent[at + 5];
      flags.msie6 = major === "4" || major === "5" || (major === "6" && !userAgent.includes("SV1", at + 8));
    }
  }
  if (userAgent.includes("Opera")) {
    flags.opera = true;
    flags.msie = false;
    flags.msie6 = false;
  }
  if (!flags.msie && !flags.opera) {
    if (userAgent.includes("Gecko/")) flags.gecko = true;
    else if (userAgent.includes("Chrome/")) flags.chrome = true;
    else if (userAgent.includes("Safari/") && userAgent.includes("Mac OS X")) flags.safari = true;
    else if (userAgent.includes("Konqueror")) flags.konqueror = true;
  }
  return flags;
}
