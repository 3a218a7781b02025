/**
 * repr() of a Python str, with no other dependency: the interpreter uses it, and so does the diagram's environ
 * table (PEP 3333 strs are bytes decoded as Latin-1, so a UTF-8 path shows as 'í\x95\x9c', as Python prints it).
 */
const NONPRINTABLE = /[\p{C}\p{Z}]/u;

export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    switch (ch) {
      case "\\":
        out += "\\\\";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
    }
    if (ch === quote) {
      out += "\\" + ch;
      continue;
    }
    if (ch !== " " && NONPRINTABLE.test(ch)) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x100) out += "\\x" + cp.toString(16).padStart(2, "0");
      else if (cp < 0x10000) out += "\\u" + cp.toString(16).padStart(4, "0");
      else out += "\\U" + cp.toString(16).padStart(8, "0");
      continue;
    }
    out += ch;
  }
  return out + quote;
}
