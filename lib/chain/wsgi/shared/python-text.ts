/** How Python prints things: repr() of a str, html.escape(), %-style named formatting. */

/** A code point Python's str.isprintable() would reject (approximation for the Latin-1 range and controls). */
function isNonPrintable(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0xa0) || code === 0xad;
}

/** Python 3 repr() of a str. */
export function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += "\\" + quote;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (isNonPrintable(code)) out += "\\x" + code.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + quote;
}

/** Python repr() of a bytes value given as a latin-1 string (b'...'). */
export function pyBytesRepr(latin1: string): string {
  const quote = latin1.includes("'") && !latin1.includes('"') ? '"' : "'";
  let out = "b" + quote;
  for (const ch of latin1) {
    const code = ch.charCodeAt(0);
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += "\\" + quote;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code >= 0x7f) out += "\\x" + code.toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + quote;
}

/** Python's html.escape(s, quote=True). */
export function htmlEscape(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#x27;");
}

/**
 * Python `fmt % mapping` for `%(name)s` conversions only (what Gunicorn's access_log_format uses).
 * Missing names become "-" (Gunicorn's atoms dict returns "-" for unknown keys). Never throws.
 */
export function pyNamedFormat(format: string, lookup: (name: string) => string | undefined): string {
  let out = "";
  let i = 0;
  while (i < format.length) {
    const ch = format[i];
    if (ch !== "%") {
      out += ch;
      i++;
      continue;
    }
    if (format[i + 1] === "%") {
      out += "%";
      i += 2;
      continue;
    }
    if (format[i + 1] === "(") {
      const close = format.indexOf(")", i + 2);
      if (close > 0) {
        const name = format.slice(i + 2, close);
        // Skip the conversion flags and type letter (s, d, …).
        let j = close + 1;
        while (j < format.length && /[-#0 +0-9.]/.test(format[j])) j++;
        out += lookup(name) ?? "-";
        i = j + 1;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}
