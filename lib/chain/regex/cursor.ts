/**
 * The parser's reading position over the pattern, and how it reports problems: a syntax error stops parsing
 * at once (thrown as a Failure, caught in parsePattern); an unsupported feature is remembered and parsing goes
 * on, so a later real syntax error still wins, as `nginx -t` would report it.
 */
import { type CharSet, foldAsciiCase } from "./charset";
import {
  type RegexError,
  syntaxError,
  type SyntaxErrorKind,
  unsupportedError,
  type UnsupportedFeature,
} from "./errors";
import { foldUnicodeCase } from "./unicode";

/** Thrown inside the parser only; parsePattern turns it into a result. */
export class Failure {
  constructor(readonly error: RegexError) {}
}

export const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";
export const isOctal = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "7";
export const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9A-Fa-f]$/.test(c);
export const isWordChar = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z0-9_]$/.test(c);
export const isAlnum = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z0-9]$/.test(c);

export abstract class Cursor {
  protected pos = 0;
  protected firstUnsupported: RegexError | null = null;

  constructor(
    protected readonly src: string,
    /** The `unicode` option: Python-str classes and case folding. */
    protected readonly unicode: boolean,
  ) {}

  protected fold(set: CharSet): CharSet {
    return this.unicode ? foldUnicodeCase(set) : foldAsciiCase(set);
  }

  protected fail(kind: SyntaxErrorKind, offset: number): never {
    throw new Failure(syntaxError(kind, this.src, offset));
  }

  /** Records a feature we cannot run; parsing goes on so later syntax errors are still found. */
  protected unsupported(feature: UnsupportedFeature, offset: number, shown: string): void {
    this.firstUnsupported ??= unsupportedError(feature, this.src, offset, shown);
  }

  /** For constructs whose inside we do not parse: stop here. */
  protected unsupportedNow(feature: UnsupportedFeature, offset: number, shown: string): never {
    throw new Failure(this.firstUnsupported ?? unsupportedError(feature, this.src, offset, shown));
  }

  protected peek(ahead = 0): string | undefined {
    return this.src[this.pos + ahead];
  }

  protected startsWith(text: string): boolean {
    return this.src.startsWith(text, this.pos);
  }
}
