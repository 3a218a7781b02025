/**
 * jinja2.utils.urlize (3.1.2): the escaped text split at whitespace; each word's leading `(` / `&lt;` and
 * trailing `) > . , \n &gt;` set aside (parentheses rebalanced), then the word linked when it is an http(s)/www
 * URL, a bare domain of a classic TLD, mailto:, an e-mail address or one of extra_schemes. Jinja2's URL and
 * e-mail patterns are checked by hand-written scans (linear, and far cheaper per word than a regex VM).
 */
import { isWord } from "./textwrap";

/** Python's \d (decimal digits); \w is textwrap.ts's isWord. */
const isDigit = (ch: string | undefined) => ch !== undefined && (ch.charCodeAt(0) < 128 ? ch >= "0" && ch <= "9" : /^\p{Nd}$/u.test(ch));
const isHex = (ch: string | undefined) => ch !== undefined && (isDigit(ch) || /^[a-fA-F]$/.test(ch));

/** `(?::[\d]{1,5})?(?:[/?#]\S*)?$` on what follows the host (a word holds no whitespace). */
function portAndPath(rest: string): boolean {
  let i = 0;
  if (rest[0] === ":") {
    i = 1;
    while (i < rest.length && isDigit(rest[i])) i++;
    if (i === 1 || i > 6) return false;
  }
  return i === rest.length || "/?#".includes(rest[i]);
}

/** The longest run of host characters, `[\w%.-]`, from `start`. */
function hostEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && (isWord(text[i]) || text[i] === "%" || text[i] === "." || text[i] === "-")) i++;
  return i;
}

const isLabel = (label: string, min = 1, max = Infinity) => label.length >= min && label.length <= max && [...label].every((c) => isWord(c) || c === "%" || c === "-");

/**
 * Jinja2's _http_re (IGNORECASE): scheme or www. then dotted labels ending in a 2–63 letter (or xn--) TLD; a bare
 * domain of 2–63 character labels ending in a classic TLD; or http(s):// with an IPv4 or IPv6 address; then an
 * optional port, path, query or fragment. A TLD must end the run of host characters (what may follow is not one),
 * so the pattern's alternatives reduce to checks on that run.
 */
function isHttp(word: string): boolean {
  const scheme = /^https?:\/\//i.exec(word)?.[0] ?? "";
  const prefix = scheme || (/^www\./i.test(word) ? word.slice(0, 4) : "");
  if (prefix) {
    const end = hostEnd(word, prefix.length);
    const labels = word.slice(prefix.length, end).split(".");
    const tld = labels[labels.length - 1];
    const tldOk = /^[a-z]{2,63}$/i.test(tld) || (/^xn--/i.test(tld) && tld.length >= 6 && tld.length <= 63 && [...tld.slice(4)].every((c) => isWord(c) || c === "%"));
    if (tldOk && labels.slice(0, -1).every((l) => isLabel(l)) && portAndPath(word.slice(end))) return true;
  }
  const end = hostEnd(word, 0);
  const labels = word.slice(0, end).split(".");
  if (labels.length >= 2 && /^(com|net|int|edu|gov|org|info|mil)$/i.test(labels[labels.length - 1]) && labels.slice(0, -1).every((l) => isLabel(l, 2, 63)) && portAndPath(word.slice(end))) {
    return true;
  }
  return scheme !== "" && (ipv4End(word, scheme.length) ?? ipv6End(word, scheme.length)) !== null;
}

/** `\d{1,3}(\.\d{1,3}){3}` then port/path: the address's end, or null. */
function ipv4End(word: string, start: number): number | null {
  let i = start;
  for (let octet = 0; octet < 4; octet++) {
    if (octet > 0) {
      if (word[i] !== ".") return null;
      i++;
    }
    const from = i;
    while (i < word.length && isDigit(word[i])) i++;
    if (i === from || i - from > 3) return null;
  }
  return portAndPath(word.slice(i)) ? i : null;
}

/** `\[([\da-f]{0,4}:){2}([\da-f]{0,4}:?){1,6}\]` then port/path: the address's end, or null. */
function ipv6End(word: string, start: number): number | null {
  if (word[start] !== "[") return null;
  const close = word.indexOf("]", start);
  if (close === -1 || close - start > 41) return null;
  const pieces = word.slice(start + 1, close).split(":");
  if (pieces.length < 3 || !pieces.every((p) => [...p].every(isHex))) return null;
  if (pieces[0].length > 4 || pieces[1].length > 4) return null;
  // The rest as tokens `hex{0,4}:?`: each colon ends one, a longer hex run needs one per four digits.
  const rest = pieces.slice(2);
  let tokens = 0;
  rest.forEach((p, i) => (tokens += i < rest.length - 1 ? Math.max(1, Math.ceil(p.length / 4)) : Math.ceil(p.length / 4)));
  return tokens <= 6 && portAndPath(word.slice(close + 1)) ? close + 1 : null;
}

/** Jinja2's _email_re, `^\S+@\w[\w.-]*\.\w+$`. */
function isEmail(text: string): boolean {
  const at = text.lastIndexOf("@");
  if (at < 1 || [...text.slice(0, at)].some(isPySpace)) return false;
  const domain = [...text.slice(at + 1)];
  const lastDot = domain.lastIndexOf(".");
  if (lastDot < 1 || lastDot === domain.length - 1 || !isWord(domain[0])) return false;
  return domain.every((c) => isWord(c) || c === "." || c === "-") && domain.slice(lastDot + 1).every(isWord);
}

/** Whether `scheme` is a URI scheme prefix do_urlize accepts in extra_schemes, `^([\w.+-]{2,}:(/){0,2})$`. */
export function validScheme(scheme: string): boolean {
  const colon = scheme.indexOf(":");
  if (colon < 2 || ![...scheme.slice(0, colon)].every((c) => isWord(c) || ".+-".includes(c))) return false;
  return /^\/{0,2}$/.test(scheme.slice(colon + 1));
}

/** Python's str.isspace for one character. */
export function isPySpace(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f);
  return /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/.test(ch);
}

/** re.split(r"(\s+)", text): words and the whitespace runs between them. */
function splitWords(text: string): string[] {
  const words: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    if (!isPySpace(text[i])) {
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && isPySpace(text[end])) end++;
    words.push(text.slice(start, i), text.slice(i, end));
    start = i = end;
  }
  words.push(text.slice(start));
  return words;
}

/** str.count(sub) (non-overlapping). */
function count(text: string, sub: string): number {
  let n = 0;
  for (let i = text.indexOf(sub); i !== -1; i = text.indexOf(sub, i + sub.length)) n++;
  return n;
}

export interface UrlizeOptions {
  trimUrlLimit: number | null;
  /** Already escaped. */
  rel: string | null;
  target: string | null;
  extraSchemes: string[] | null;
}

/** urlize on text already escaped by markupsafe. */
export function urlize(escaped: string, options: UrlizeOptions, charge: (n: number) => void): string {
  const trim = (x: string) => (options.trimUrlLimit !== null && [...x].length > options.trimUrlLimit ? `${[...x].slice(0, Math.max(0, options.trimUrlLimit)).join("")}...` : x);
  const relAttr = options.rel ? ` rel="${options.rel}"` : "";
  const targetAttr = options.target ? ` target="${options.target}"` : "";
  const words = splitWords(escaped);
  charge(words.length);
  return words
    .map((word) => {
      let lead = 0;
      for (;;) {
        if (word.startsWith("&lt;", lead)) lead += 4;
        else if (word[lead] === "(" || word[lead] === "<") lead++;
        else break;
      }
      const head = word.slice(0, lead);
      let middle = word.slice(lead);
      let cut = middle.length;
      for (;;) {
        if (cut >= 4 && middle.startsWith("&gt;", cut - 4)) cut -= 4;
        else if (cut > 0 && ")>.,\n".includes(middle[cut - 1])) cut--;
        else break;
      }
      let tail = middle.slice(cut);
      middle = middle.slice(0, cut);
      for (const [open, close] of [["(", ")"], ["<", ">"], ["&lt;", "&gt;"]]) {
        const opened = count(middle, open);
        if (opened <= count(middle, close)) continue;
        for (let n = Math.min(opened, count(tail, close)); n > 0; n--) {
          const end = tail.indexOf(close) + close.length;
          middle += tail.slice(0, end);
          tail = tail.slice(end);
        }
      }
      if (isHttp(middle)) {
        const href = middle.startsWith("https://") || middle.startsWith("http://") ? middle : `https://${middle}`;
        middle = `<a href="${href}"${relAttr}${targetAttr}>${trim(middle)}</a>`;
      } else if (middle.startsWith("mailto:") && isEmail(middle.slice(7))) {
        middle = `<a href="${middle}">${middle.slice(7)}</a>`;
      } else if (middle.includes("@") && !middle.startsWith("www.") && !middle.includes(":") && isEmail(middle)) {
        middle = `<a href="mailto:${middle}">${middle}</a>`;
      } else if (options.extraSchemes !== null) {
        for (const scheme of options.extraSchemes) {
          if (middle !== scheme && middle.startsWith(scheme)) middle = `<a href="${middle}"${relAttr}${targetAttr}>${middle}</a>`;
        }
      }
      return `${head}${middle}${tail}`;
    })
    .join("");
}
