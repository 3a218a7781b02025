/** `string`: the character-class constants apps use (`string.ascii_letters + string.digits` for short codes). */
import type { PyModule } from "../values";
import { pyModule } from "../values";

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = LOWER.toUpperCase();
const DIGITS = "0123456789";
const PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
const WHITESPACE = " \t\n\r\x0b\x0c";

export function stringModule(): PyModule {
  return pyModule("string", {
    ascii_lowercase: LOWER,
    ascii_uppercase: UPPER,
    ascii_letters: LOWER + UPPER,
    digits: DIGITS,
    hexdigits: DIGITS + "abcdefABCDEF",
    octdigits: "01234567",
    punctuation: PUNCTUATION,
    whitespace: WHITESPACE,
    printable: DIGITS + LOWER + UPPER + PUNCTUATION + WHITESPACE,
  });
}
