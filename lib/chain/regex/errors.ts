import { josa } from "../korean";
/**
 * Errors of the regex engine, worded like nginx 1.22 + PCRE2 10.42 (Debian 12) so the student sees what
 * `nginx -t` would print, plus a Korean sentence. Features our linear-time engine lacks get their own message
 * with `unsupported: true`, because the real nginx would accept them.
 */

export interface RegexError {
  /** Offset in the pattern (UTF-16 code units) where the problem was found, as PCRE2 reports it. */
  offset: number;
  /** nginx/PCRE2 wording, without nginx's trailing "in file:line". */
  message: string;
  /** The same for the student, in Korean. */
  messageKo: string;
  /** True when real PCRE2 accepts the pattern but our RE2-style engine cannot run it. */
  unsupported: boolean;
}

/** PCRE2 compile error texts we can produce (pcre2_get_error_message wording), with a Korean gloss. */
export const SYNTAX_ERRORS = {
  backslashAtEnd: ["\\ at end of pattern", "패턴이 역슬래시(\\)로 끝났습니다"],
  backslashCAtEnd: ["\\c at end of pattern", "패턴이 \\c 로 끝났습니다"],
  unknownEscape: ["unrecognized character follows \\", "역슬래시 뒤의 문자를 알 수 없습니다"],
  quantifierOrder: ["numbers out of order in {} quantifier", "{} 반복 횟수의 최솟값이 최댓값보다 큽니다"],
  quantifierTooBig: ["number too big in {} quantifier", "{} 반복 횟수가 너무 큽니다(최대 65535)"],
  missingBracket: ["missing terminating ] for character class", "문자 클래스를 닫는 ] 가 없습니다"],
  classN: ["\\N is not supported in a class", "문자 클래스 안에서는 \\N 을 쓸 수 없습니다"],
  classEscape: ["escape sequence is invalid in character class", "문자 클래스 안에서 쓸 수 없는 이스케이프입니다"],
  rangeOrder: ["range out of order in character class", "문자 클래스의 범위가 거꾸로입니다(예: [z-a])"],
  nothingToRepeat: ["quantifier does not follow a repeatable item", "반복할 대상이 없는 곳에 반복 기호(*, +, ?, {})가 있습니다"],
  badGroupFlag: ["unrecognized character after (? or (?-", "(? 뒤의 문자를 알 수 없습니다"],
  posixOutsideClass: ["POSIX named classes are supported only within a class", "POSIX 클래스([:alpha:] 등)는 [ ] 안에서만 쓸 수 있습니다"],
  posixCollating: ["POSIX collating elements are not supported", "POSIX 정렬 요소([. .], [= =])는 지원되지 않습니다"],
  missingParen: ["missing closing parenthesis", "닫는 괄호 ) 가 없습니다"],
  recursionParen: [
    "(?R (recursive pattern call) must be followed by a closing parenthesis",
    "(?R 뒤에는 닫는 괄호 ) 가 와야 합니다",
  ],
  noSuchGroup: ["reference to non-existent subpattern", "존재하지 않는 그룹을 참조합니다"],
  missingCommentParen: ["missing ) after (?# comment", "(?# 주석을 닫는 ) 가 없습니다"],
  tooDeep: ["parentheses are too deeply nested", "괄호가 너무 깊게 중첩되었습니다"],
  tooLarge: ["regular expression is too large", "정규식이 너무 큽니다"],
  unmatchedParen: ["unmatched closing parenthesis", "여는 괄호 없이 닫는 괄호 ) 가 있습니다"],
  unknownPosix: ["unknown POSIX class name", "알 수 없는 POSIX 클래스 이름입니다"],
  codePointTooLarge: ["character code point value in \\x{} or \\o{} is too large", "\\x{} 또는 \\o{} 의 문자 코드가 너무 큽니다"],
  noBsux: ["PCRE2 does not support \\F, \\L, \\l, \\N{name}, \\U, or \\u", "PCRE2는 \\F, \\L, \\l, \\N{name}, \\U, \\u 를 지원하지 않습니다"],
  badPAfter: ["unrecognized character after (?P", "(?P 뒤의 문자를 알 수 없습니다"],
  nameSyntax: ["syntax error in subpattern name (missing terminator?)", "그룹 이름이 잘못되었습니다(닫는 > 가 없나요?)"],
  dupName: ["two named subpatterns have the same name (PCRE2_DUPNAMES not set)", "같은 이름의 그룹이 두 번 있습니다"],
  nameDigit: ["subpattern name must start with a non-digit", "그룹 이름은 숫자로 시작할 수 없습니다"],
  nameTooLong: ["subpattern name is too long (maximum 32 code units)", "그룹 이름이 너무 깁니다(최대 32자)"],
  invalidRange: ["invalid range in character class", "문자 클래스의 범위가 잘못되었습니다"],
  octalTooBig: ["octal value is greater than \\377 in 8-bit non-UTF-8 mode", "8진수 값이 \\377 보다 큽니다"],
  missingBraceO: ["missing opening brace after \\o", "\\o 뒤에 { 가 없습니다"],
  nameExpected: ["subpattern name expected", "그룹 이름이 필요합니다"],
  nonOctal: ["non-octal character in \\o{} (closing brace missing?)", "\\o{} 안에 8진수가 아닌 문자가 있습니다"],
  nonHex: ["non-hex character in \\x{} (closing brace missing?)", "\\x{} 안에 16진수가 아닌 문자가 있습니다"],
  badControl: ["\\c must be followed by a printable ASCII character", "\\c 뒤에는 출력 가능한 ASCII 문자가 와야 합니다"],
  bracesDigits: ["digits missing in \\x{} or \\o{} or \\N{U+}", "\\x{} 또는 \\o{} 안에 숫자가 없습니다"],
  nUPlus: ["\\N{U+dddd} is supported only in Unicode (UTF) mode", "\\N{U+dddd} 는 UTF 모드에서만 쓸 수 있습니다"],
  badUnicodeEscape: ["incomplete escape \\u (four hex digits expected)", "\\u 뒤에는 16진수 4자리가 와야 합니다"],
  tooManyGroups: ["too many capturing groups (maximum 65535)", "캡처 그룹이 너무 많습니다"],
  malformedProperty: ["malformed \\P or \\p sequence", "\\p 또는 \\P 뒤에 속성 이름이 없거나 {…} 가 닫히지 않았습니다"],
  unknownProperty: ["unknown property after \\P or \\p", "\\p 또는 \\P 뒤의 속성 이름을 알 수 없습니다(예: \\pL, \\p{Hangul}); 점(.)을 뜻했다면 \\. 처럼 쓰세요"],
  unknownVerb: ["(*VERB) not recognized or malformed", "(* 로 시작하는 제어 동사를 알 수 없습니다; * 를 글자로 쓰려면 \\* 처럼 쓰세요"],
  unknownAlphaAssertion: ["(*alpha_assertion) not recognized", "(* 뒤의 이름을 알 수 없습니다; 괄호 안에서 * 를 글자로 쓰려면 \\* 처럼 쓰세요"],
} as const satisfies Record<string, readonly [string, string]>;

export type SyntaxErrorKind = keyof typeof SYNTAX_ERRORS;

const ENGINE_NOTE = "이 코스의 nginx 모델은 선형 시간 엔진(RE2 방식)을 씁니다";

/** Features real PCRE2 has but a linear-time engine cannot offer: [English subject with its verb, Korean name]. */
export const UNSUPPORTED_FEATURES = {
  backreference: ["backreferences are", "역참조"],
  lookahead: ["lookahead assertions are", "전방 탐색(lookahead)"],
  lookbehind: ["lookbehind assertions are", "후방 탐색(lookbehind)"],
  atomic: ["atomic groups are", "원자 그룹"],
  possessive: ["possessive quantifiers are", "소유 수량자"],
  recursion: ["recursion and subroutine calls are", "재귀/서브루틴 호출"],
  resetStart: ["\\K (reset match start) is", "매치 시작 재설정"],
  conditional: ["conditional subpatterns are", "조건부 패턴"],
  branchReset: ["branch reset groups are", "분기 재설정 그룹"],
  callout: ["callouts are", "콜아웃"],
  verb: ["backtracking control verbs are", "백트래킹 제어 동사"],
  unicodeProperty: ["Unicode properties (\\p, \\P, \\X) are", "유니코드 속성"],
  newlineSequence: ["\\R (any newline sequence) is", "줄바꿈 시퀀스"],
  singleByte: ["\\C (single code unit) is", "단일 코드 단위"],
  optionFlag: ["the (?J) and (?U) options are", "옵션"],
} as const satisfies Record<string, readonly [string, string]>;

export type UnsupportedFeature = keyof typeof UNSUPPORTED_FEATURES;

/** The text nginx appends: ` in "<pattern>"` and, unless the offset is at the end, ` at "<rest>"`. */
function whereText(pattern: string, offset: number): string {
  const at = offset < pattern.length ? ` at "${pattern.slice(offset)}"` : "";
  return ` in "${pattern}"${at}`;
}

export function syntaxError(kind: SyntaxErrorKind, pattern: string, offset: number): RegexError {
  const [en, ko] = SYNTAX_ERRORS[kind];
  const clamped = Math.max(0, Math.min(offset, pattern.length));
  return {
    offset: clamped,
    message: `pcre2_compile() failed: ${en}${whereText(pattern, clamped)}`,
    messageKo: `정규식 오류(위치 ${clamped}): ${ko}`,
    unsupported: false,
  };
}

/** `역참조(\1)`, but a group opener reads `전방 탐색(lookahead) (?=…)` rather than nesting parentheses. */
function showKo(shown: string): string {
  if (!shown) return "";
  if (!shown.startsWith("(")) return `(${shown})`;
  return ` ${shown}${shown.endsWith(")") ? "" : "…)"}`;
}

export function unsupportedError(
  feature: UnsupportedFeature,
  pattern: string,
  offset: number,
  shown: string,
): RegexError {
  const [en, ko] = UNSUPPORTED_FEATURES[feature];
  const clamped = Math.max(0, Math.min(offset, pattern.length));
  return {
    offset: clamped,
    message: `linear-time regex compile failed: ${en} not supported${whereText(pattern, clamped)}`,
    messageKo: `정규식에서 ${ko}${showKo(shown)}${josa(ko + showKo(shown), "은/는")} 지원하지 않습니다: ${ENGINE_NOTE}`,
    unsupported: true,
  };
}

/** Limits of this engine (not of PCRE2), for patterns that would make the program too large to run cheaply. */
export function limitError(what: "pattern" | "program" | "nesting", pattern: string, limit: number): RegexError {
  const texts = {
    pattern: [`pattern is longer than ${limit} characters`, `정규식이 너무 깁니다(최대 ${limit}자)`],
    program: [
      `pattern expands to more than ${limit} instructions`,
      `정규식이 너무 큽니다: 반복({n,m})을 펼치면 명령이 ${limit}개를 넘습니다`,
    ],
    nesting: [
      `pattern nests too many loops that can match an empty string (more than ${limit} states)`,
      "빈 문자열과 매치될 수 있는 반복(예: (a*)*)이 너무 깊게 중첩되었습니다",
    ],
  } as const;
  const [en, ko] = texts[what];
  return {
    offset: 0,
    message: `linear-time regex compile failed: ${en} in "${pattern.length > 64 ? `${pattern.slice(0, 64)}...` : pattern}"`,
    messageKo: `${ko}: ${ENGINE_NOTE}`,
    unsupported: true,
  };
}

/** Only if the engine itself has a bug: still a value, never an exception. */
export function internalError(pattern: string): RegexError {
  return {
    offset: 0,
    message: `linear-time regex compile failed: internal error in "${pattern.length > 64 ? `${pattern.slice(0, 64)}...` : pattern}"`,
    messageKo: "정규식을 처리하는 중 내부 오류가 났습니다(코스의 버그입니다)",
    unsupported: true,
  };
}
