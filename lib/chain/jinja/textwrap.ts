/**
 * Python 3.11's textwrap.wrap as Jinja2's wordwrap filter calls it (expand_tabs and replace_whitespace off,
 * drop_whitespace on, no indents): the text split into chunks (whitespace runs, words, and with
 * break_on_hyphens the pieces of hyphenated words and em-dashes, as textwrap's wordsep_re does), then laid out
 * greedily. One forward scan over the text and one over the chunks: linear in the text's length.
 * Lengths are counted in code points, as Python's len() does.
 */

/** textwrap's whitespace: '\t\n\x0b\x0c\r ' (ASCII only). */
function isWs(ch: string | undefined): boolean {
  return ch !== undefined && "\t\n\v\f\r ".includes(ch);
}

/** Python's \w on str: letters, digits (any Unicode number), underscore. */
function isWord(ch: string | undefined): boolean {
  return ch !== undefined && /^[\p{L}\p{N}\p{Mn}\p{Mc}_]$/u.test(ch);
}

/** textwrap's letter, `[^\d\W]`: a word character that is not a decimal digit. */
function isLetter(ch: string | undefined): boolean {
  return isWord(ch) && !/^\p{Nd}$/u.test(ch as string);
}

/** textwrap's word_punct, `[\w!"'&.,?]`. */
function isWordPunct(ch: string | undefined): boolean {
  return ch !== undefined && (isWord(ch) || `!"'&.,?`.includes(ch));
}

/** `-{2,}\w` at `i`. */
function emDashAhead(chars: string[], i: number): boolean {
  let j = i;
  while (chars[j] === "-") j++;
  return j - i >= 2 && isWord(chars[j]);
}

/** re.split(wordsep_re, text) without the empty pieces. */
function splitHyphenated(chars: string[]): string[][] {
  const chunks: string[][] = [];
  let p = 0;
  while (p < chars.length) {
    let end: number;
    if (isWs(chars[p])) {
      end = p;
      while (isWs(chars[end])) end++;
    } else if (isWordPunct(chars[p - 1]) && emDashAhead(chars, p)) {
      end = p;
      while (chars[end] === "-") end++;
    } else {
      // A word, lazily: the first place after at least one character where a word may end.
      end = p + 1;
      for (;;) {
        const c = chars[end];
        if (
          c === "-" &&
          ((isLetter(chars[end - 2]) && isLetter(chars[end - 1])) || (isLetter(chars[end - 3]) && chars[end - 2] === "-" && isLetter(chars[end - 1]))) &&
          isLetter(chars[end + 1]) &&
          (isLetter(chars[end + 2]) || (chars[end + 2] === "-" && isLetter(chars[end + 3])))
        ) {
          end++;
          break;
        }
        if (end >= chars.length || isWs(c)) break;
        if (isWordPunct(chars[end - 1]) && emDashAhead(chars, end)) break;
        end++;
      }
    }
    chunks.push(chars.slice(p, end));
    p = end;
  }
  return chunks;
}

/** re.split('([\t\n\x0b\x0c\r ]+)', text) without the empty pieces. */
function splitSimple(chars: string[]): string[][] {
  const chunks: string[][] = [];
  let p = 0;
  while (p < chars.length) {
    const ws = isWs(chars[p]);
    let end = p + 1;
    while (end < chars.length && isWs(chars[end]) === ws) end++;
    chunks.push(chars.slice(p, end));
    p = end;
  }
  return chunks;
}

/** `chunk.strip() == ''`, from `from` on (stops at the first non-space). */
function isBlank(chunk: string[], from = 0): boolean {
  for (let i = from; i < chunk.length; i++) if (!/^\s$/u.test(chunk[i])) return false;
  return true;
}

export interface WrapOptions {
  width: number;
  breakLongWords: boolean;
  breakOnHyphens: boolean;
  /** Charged once per chunk laid out (the interpreter's step budget). */
  charge: (n: number) => void;
}

/** A chunk: characters `from`… of `chars` (a long word is cut from the front without copying its rest). */
interface Chunk {
  chars: string[];
  from: number;
}

const size = (c: Chunk) => c.chars.length - c.from;
const blank = (c: Chunk) => isBlank(c.chars, c.from);

/** textwrap.wrap(text, …): the lines, without their newlines. `width` must be > 0 (the caller raises). */
export function wrap(text: string, options: WrapOptions): string[] {
  const { width, breakLongWords, breakOnHyphens } = options;
  const chunks: Chunk[] = (breakOnHyphens ? splitHyphenated : splitSimple)([...text]).map((chars) => ({ chars, from: 0 })).reverse();
  options.charge(chunks.length);
  const lines: string[] = [];
  const top = () => chunks[chunks.length - 1];
  while (chunks.length > 0) {
    const line: string[] = [];
    let length = 0;
    let lastBlank = false;
    if (blank(top()) && lines.length > 0) chunks.pop();
    while (chunks.length > 0 && length + size(top()) <= width) {
      const chunk = chunks.pop() as Chunk;
      line.push(chunk.chars.slice(chunk.from).join(""));
      length += size(chunk);
      lastBlank = blank(chunk);
    }
    if (chunks.length > 0 && size(top()) > width) {
      // _handle_long_word
      const spaceLeft = width < 1 ? 1 : width - length;
      const chunk = top();
      if (breakLongWords) {
        let end = spaceLeft;
        if (breakOnHyphens && size(chunk) > spaceLeft) {
          let hyphen = -1;
          for (let i = spaceLeft - 1; i > 0 && hyphen === -1; i--) if (chunk.chars[chunk.from + i] === "-") hyphen = i;
          let allHyphens = true;
          for (let i = 0; i < hyphen && allHyphens; i++) allHyphens = chunk.chars[chunk.from + i] === "-";
          if (hyphen > 0 && !allHyphens) end = hyphen + 1;
        }
        const piece = chunk.chars.slice(chunk.from, chunk.from + end);
        line.push(piece.join(""));
        chunk.from += end;
        lastBlank = isBlank(piece);
        options.charge(1);
      } else if (line.length === 0) {
        chunks.pop();
        line.push(chunk.chars.slice(chunk.from).join(""));
        lastBlank = blank(chunk);
      }
    }
    if (lastBlank) line.pop();
    if (line.length > 0) lines.push(line.join(""));
  }
  return lines;
}
