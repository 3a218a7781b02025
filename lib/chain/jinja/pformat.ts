/**
 * Python 3.11's pprint.pformat(obj) (width 80, indent 1, sort_dicts) as the pprint filter calls it: dicts, lists,
 * tuples and strs too wide for their line are broken over lines as PrettyPrinter does (dict keys sorted), any
 * other value is its repr. Each node costs a step; nesting goes through the interpreter's recursion guard.
 */
import type { PyValue, Runtime } from "../python";
import { compareOp, dictItems, isPyException } from "../python";
import { isPySpace } from "./urlize";

const WIDTH = 80;

type Container = { kind: "list" | "tuple"; items: readonly PyValue[] };

function kindOf(v: PyValue): "dict" | "list" | "tuple" | "str" | null {
  if (typeof v === "string") return "str";
  if (v !== null && typeof v === "object" && (v.kind === "dict" || v.kind === "list" || v.kind === "tuple")) return v.kind;
  return null;
}

/** Python's len() of a repr: code points. */
function len(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0xdc00 && text.charCodeAt(i) <= 0xdfff) n--;
  return n;
}

/** pprint's _safe_key ordering: `<`, or by type name when the values are not comparable. */
function sortedItems(interp: Runtime, items: Array<[PyValue, PyValue]>): Array<[PyValue, PyValue]> {
  const lt = (a: PyValue, b: PyValue): boolean => {
    try {
      return compareOp(interp, "<", a, b);
    } catch (e) {
      if (!isPyException(e) || !interp.isinstance(e.exception, interp.builtinClass("TypeError"))) throw e;
      return `<class '${interp.typeName(a)}'>` < `<class '${interp.typeName(b)}'>`;
    }
  };
  return [...items].sort(([a], [b]) => (lt(a, b) ? -1 : lt(b, a) ? 1 : 0));
}

class Printer {
  readonly out: string[] = [];

  constructor(readonly interp: Runtime) {}

  write(text: string): void {
    this.interp.chargeAlloc(text.length);
    this.out.push(text);
  }

  /** pprint's _safe_repr: a repr with dict keys sorted. */
  repr(v: PyValue): string {
    this.interp.charge(1);
    const kind = kindOf(v);
    if (kind === "dict") {
      const items = sortedItems(this.interp, dictItems(v as Extract<PyValue, { kind: "dict" }>));
      return this.interp.guardRecursion(() => `{${items.map(([k, x]) => `${this.repr(k)}: ${this.repr(x)}`).join(", ")}}`);
    }
    if (kind === "list" || kind === "tuple") {
      const items = (v as Container).items;
      const inner = this.interp.guardRecursion(() => items.map((x) => this.repr(x)).join(", "));
      if (kind === "list") return `[${inner}]`;
      return items.length === 1 ? `(${inner},)` : `(${inner})`;
    }
    return this.interp.repr(v);
  }

  format(v: PyValue, indent: number, allowance: number, level: number): void {
    const rep = this.repr(v);
    const kind = kindOf(v);
    if (len(rep) <= WIDTH - indent - allowance || kind === null) return this.write(rep);
    this.interp.guardRecursion(() => {
      if (kind === "dict") this.dict(v as Extract<PyValue, { kind: "dict" }>, indent, allowance, level + 1);
      else if (kind === "str") this.str(v as string, indent, allowance, level + 1);
      else {
        const items = (v as Container).items;
        const end = kind === "list" ? "]" : items.length === 1 ? ",)" : ")";
        this.write(kind === "list" ? "[" : "(");
        this.items(items, indent, allowance + end.length, level + 1);
        this.write(end);
      }
    });
  }

  dict(d: Extract<PyValue, { kind: "dict" }>, indent: number, allowance: number, level: number): void {
    this.write("{");
    const items = sortedItems(this.interp, dictItems(d));
    const inner = indent + 1;
    items.forEach(([key, value], i) => {
      const last = i === items.length - 1;
      const rep = this.repr(key);
      this.write(`${rep}: `);
      this.format(value, inner + len(rep) + 2, last ? allowance + 1 : 1, level);
      if (!last) this.write(`,\n${" ".repeat(inner)}`);
    });
    this.write("}");
  }

  items(items: readonly PyValue[], indent: number, allowance: number, level: number): void {
    const inner = indent + 1;
    items.forEach((item, i) => {
      if (i > 0) this.write(`,\n${" ".repeat(inner)}`);
      this.format(item, inner, i === items.length - 1 ? allowance : 1, level);
    });
  }

  /** _pprint_str: the string cut at line ends and between words into adjacent literals. */
  str(text: string, indent: number, allowance: number, level: number): void {
    const lines = splitlinesKeep(text);
    if (level === 1) {
      indent += 1;
      allowance += 1;
    }
    const chunks: string[] = [];
    let maxWidth1 = WIDTH - indent;
    lines.forEach((line, i) => {
      const rep = this.interp.repr(line);
      const lastLine = i === lines.length - 1;
      if (lastLine) maxWidth1 -= allowance;
      if (len(rep) <= maxWidth1) return chunks.push(rep);
      const parts = wordParts(line);
      let maxWidth2 = WIDTH - indent;
      let current = "";
      parts.forEach((part, j) => {
        this.interp.charge(1);
        const candidate = current + part;
        if (j === parts.length - 1 && lastLine) maxWidth2 -= allowance;
        if (len(this.interp.repr(candidate)) > maxWidth2) {
          if (current) chunks.push(this.interp.repr(current));
          current = part;
        } else current = candidate;
      });
      if (current) chunks.push(this.interp.repr(current));
    });
    if (chunks.length === 1) return this.write(this.interp.repr(text));
    if (level === 1) this.write("(");
    chunks.forEach((chunk, i) => this.write(i > 0 ? `\n${" ".repeat(indent)}${chunk}` : chunk));
    if (level === 1) this.write(")");
  }
}

/** str.splitlines(keepends=True) for \n, \r\n and \r (the boundaries texts hold). */
function splitlinesKeep(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\n" || text[i] === "\r") {
      if (text[i] === "\r" && text[i + 1] === "\n") i++;
      lines.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

/** re.findall(r'\S*\s*', line) without the final empty match. */
function wordParts(line: string): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < line.length) {
    const start = i;
    while (i < line.length && !isPySpace(line[i])) i++;
    while (i < line.length && isPySpace(line[i])) i++;
    parts.push(line.slice(start, i));
  }
  return parts;
}

export function pformat(interp: Runtime, value: PyValue): string {
  const printer = new Printer(interp);
  printer.format(value, 0, 0, 0);
  return printer.out.join("");
}
