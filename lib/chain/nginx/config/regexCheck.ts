/**
 * Compiles a `location ~`, `rewrite`, `if (… ~ …)` or `server_name ~` regex at configuration time, as nginx
 * does with pcre2_compile, using the course's engine (lib/chain/regex). Its messages are already nginx's words
 * (`pcre2_compile() failed: … in "…"[ at "…"]`); patterns real PCRE2 accepts but the linear-time engine cannot
 * run come back `unsupported`.
 */
import { compileRegex } from "../../regex";

export type RegexCheck =
  | { ok: true; names: string[] }
  | { ok: false; message: string; messageKo: string; unsupported: boolean };

export function checkRegex(pattern: string, caseInsensitive: boolean): RegexCheck {
  const r = compileRegex(pattern, { caseInsensitive });
  if (r.ok) return { ok: true, names: [...r.regex.names.keys()] };
  return { ok: false, message: r.error.message, messageKo: r.error.messageKo, unsupported: r.error.unsupported };
}
