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
export function isWord(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return /^[\p{L}\p{N}\p{Mn}\p{Mc}_]$/u.test(ch);
}

/** textwrap's letter, `[^\d\W]`: a word character that is not a decimal digit. */
function isLetter(ch: string | undefined): boolean {
  return isWord(ch) && !(ch !== undefined && ch.charCodeAt(0) < 128 ? ch >= "0" && ch <= "9" : /^\p{Nd}$/u.test(ch as string));
}

/** textwrap's word_punct, `[\w!"'&.,?]`. */
function isWordPunct(ch: string | undefined): boolean {
  return ch !== undefined && (isWord(ch) || `!"'&.,?`.includes(ch));
}

/** `-{2,}\w` at `i`. */
function emDashAhead(text: string, i: number): boolean {
  let j = i;
  while (text[j] === "-") j++;
  return j - i >= 2 && isWord(text[j]);
}

/** re.split(wordsep_re, text) without the empty pieces: each chunk's end offset. */
function splitHyphenated(text: string): number[] {
  const ends: number[] = [];
  let p = 0;
  while (p < text.length) {
    let end: number;
    if (isWs(text[p])) {
      end = p;
      while (isWs(text[end])) end++;
    } else if (isWordPunct(text[p - 1]) && emDashAhead(text, p)) {
      end = p;
      while (text[end] === "-") end++;
    } else {
      // A word, lazily: the first place after at least one character where a word may end.
      end = p + 1;
      for (;;) {
        const c = text[end];
        if (
          c === "-" &&
          ((isLetter(text[end - 2]) && isLetter(text[end - 1])) || (isLetter(text[end - 3]) && text[end - 2] === "-" && isLetter(text[end - 1]))) &&
          isLetter(text[end + 1]) &&
          (isLetter(text[end + 2]) || (text[end + 2] === "-" && isLetter(text[end + 3])))
        ) {
          end++;
          break;
        }
        if (end >= text.length || isWs(c)) break;
        if (isWordPunct(text[end - 1]) && emDashAhead(text, end)) break;
        end++;
      }
    }
    ends.push(end);
    p = end;
  }
  return ends;
}

/** re.split('([\t\n\x0b\x0c\r ]+)', text) without the empty pieces: each chunk's end offset. */
function splitSimple(text: string): number[] {
  const ends: number[] = [];
  let p = 0;
  while (p < text.length) {
    const ws = isWs(text[p]);
    let end = p + 1;
    while (end < text.length && isWs(text[end]) === ws) end++;
    ends.push(end);
    p = end;
  }
  return ends;
}

/** Python's len() of text[start:end]: code points (a surrogate pair is one). */
function codePoints(text: string, start: number, end: number): number {
  let n = end - start;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > start) n--;
  }
  return n;
}

/** The offset `n` code points after `start`. */
function advance(text: string, start: number, n: number): number {
  let i = start;
  for (let k = 0; k < n && i < text.length; k++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return i;
}

export interface WrapOptions {
  width: number;
  breakLongWords: boolean;
  breakOnHyphens: boolean;
  /** Charged once per chunk laid out (the interpreter's step budget). */
  charge: (n: number) => void;
}

/** A chunk: text[start:end] (a long word is cut from the front by moving `start`), `size` in code points. */
interface Chunk {
  start: number;
  end: number;
  size: number;
}

/** textwrap.wrap(text, …): the lines, without their newlines. `width` must be > 0 (the caller raises). */
export function wrap(text: string, options: WrapOptions): string[] {
  const { width, breakLongWords, breakOnHyphens } = options;
  const chunks: Chunk[] = [];
  let from = 0;
  for (const end of (breakOnHyphens ? splitHyphenated : splitSimple)(text)) {
    chunks.push({ start: from, end, size: codePoints(text, from, end) });
    from = end;
  }
  chunks.reverse();
  options.charge(chunks.length);
  /** `chunk.strip() == ''`. */
  const blank = (start: number, end: number) => {
    for (let i = start; i < end; i++) if (!isWs(text[i]) && !/^\s$/u.test(text[i])) return false;
    return true;
  };
  const lines: string[] = [];
  const top = () => chunks[chunks.length - 1];
  while (chunks.length > 0) {
    let line = "";
    let length = 0;
    /** The last piece of the line, for drop_whitespace. */
    let last: [number, number] | null = null;
    if (lines.length > 0 && blank(top().start, top().end)) chunks.pop();
    while (chunks.length > 0 && length + top().size <= width) {
      const chunk = chunks.pop() as Chunk;
      line += text.slice(chunk.start, chunk.end);
      length += chunk.size;
      last = [chunk.start, chunk.end];
    }
    if (chunks.length > 0 && top().size > width) {
      // _handle_long_word
      const spaceLeft = width < 1 ? 1 : width - length;
      const chunk = top();
      if (breakLongWords) {
        let cut = advance(text, chunk.start, spaceLeft);
        if (breakOnHyphens && chunk.size > spaceLeft) {
          // chunk.rfind('-', 0, space_left), searched within the chunk only.
          let hyphen = cut - 1;
          while (hyphen > chunk.start && text[hyphen] !== "-") hyphen--;
          let other = false;
          for (let i = chunk.start; i < hyphen && !other; i++) other = text[i] !== "-";
          if (hyphen > chunk.start && other) cut = hyphen + 1;
        }
        line += text.slice(chunk.start, cut);
        last = [chunk.start, cut];
        chunk.size -= codePoints(text, chunk.start, cut);
        chunk.start = cut;
        options.charge(1);
      } else if (last === null) {
        chunks.pop();
        line += text.slice(chunk.start, chunk.end);
        last = [chunk.start, chunk.end];
      }
    }
    if (last !== null && blank(last[0], last[1])) line = line.slice(0, line.length - (last[1] - last[0]));
    if (line !== "") lines.push(line);
  }
  return lines;
}
