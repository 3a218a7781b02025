/**
 * Compiles a location / rewrite / if regex the way nginx does at configuration time (pcre2_compile) and words a
 * failure as nginx logs it: `pcre2_compile() failed: <reason> in "<pattern>"[ at "<rest>"]`.
 *
 * The course's PCRE engine lives in lib/chain/regex (another part of the chain). Until it is wired in here, a small
 * syntax checker below covers the mistakes students make (parentheses, brackets, a quantifier with nothing to
 * repeat, a trailing backslash, duplicate group names); anything else is accepted.
 */

export interface RegexCheck {
  ok: boolean;
  /** nginx's message without ` in file:line`. */
  message?: string;
  messageKo?: string;
  /** Names of `(?<name>...)` groups: nginx turns them into variables. */
  names: string[];
}

function pcreMessage(reason: string, pattern: string, offset: number): string {
  return offset >= pattern.length
    ? `pcre2_compile() failed: ${reason} in "${pattern}"`
    : `pcre2_compile() failed: ${reason} in "${pattern}" at "${pattern.slice(offset)}"`;
}

const KO: Record<string, string> = {
  "missing closing parenthesis": "정규식에서 여는 괄호 \"(\"에 맞는 닫는 괄호 \")\"가 없습니다.",
  "unmatched closing parenthesis": "정규식에 짝이 없는 닫는 괄호 \")\"가 있습니다.",
  "missing terminating ] for character class": "정규식의 문자 클래스 \"[\"가 \"]\"로 닫히지 않았습니다.",
  "quantifier does not follow a repeatable item": "정규식에서 *, +, ? 같은 반복 기호 앞에 반복할 대상이 없습니다. 문자 그대로 쓰려면 \\로 이스케이프하세요.",
  "\\ at end of pattern": "정규식이 역슬래시(\\)로 끝났습니다.",
  "two named subpatterns have the same name (PCRE2_DUPNAMES not set)": "정규식에 같은 이름의 그룹이 두 번 있습니다.",
  "unrecognized character after (? or (?-": "정규식의 \"(?\" 뒤에 알 수 없는 문자가 있습니다.",
};

/** A light PCRE2 syntax check; returns the first error nginx's pcre2_compile would report for common mistakes. */
export function checkRegex(pattern: string): RegexCheck {
  const names: string[] = [];
  const stack: number[] = [];
  const fail = (reason: string, offset: number): RegexCheck => ({
    ok: false,
    message: pcreMessage(reason, pattern, offset),
    messageKo: KO[reason] ?? "정규식을 컴파일할 수 없습니다.",
    names,
  });
  // Whether the previous item can take a quantifier.
  let repeatable = false;
  let i = 0;
  const n = Math.min(pattern.length, 4096);
  while (i < n) {
    const c = pattern[i];
    if (c === "\\") {
      if (i + 1 >= pattern.length) return fail("\\ at end of pattern", pattern.length);
      i += 2;
      repeatable = true;
      continue;
    }
    if (c === "[") {
      let j = i + 1;
      if (pattern[j] === "^") j++;
      if (pattern[j] === "]") j++;
      while (j < pattern.length && pattern[j] !== "]") {
        if (pattern[j] === "\\") j++;
        j++;
      }
      if (j >= pattern.length) return fail("missing terminating ] for character class", pattern.length);
      i = j + 1;
      repeatable = true;
      continue;
    }
    if (c === "(") {
      stack.push(i);
      if (pattern[i + 1] === "?") {
        const rest = pattern.slice(i + 2);
        const named = /^(?:P?<|')([A-Za-z_][A-Za-z0-9_]*)[>']/.exec(rest);
        if (named) {
          if (names.includes(named[1])) return fail("two named subpatterns have the same name (PCRE2_DUPNAMES not set)", i + 2 + named[0].length);
          names.push(named[1]);
          i += 2 + named[0].length;
        } else if (/^(?:[:=!>|#]|<[=!]|[imnsxU-]*[):])/.test(rest)) {
          i += 2;
        } else {
          return fail("unrecognized character after (? or (?-", i + 2);
        }
      } else {
        i++;
      }
      repeatable = false;
      continue;
    }
    if (c === ")") {
      if (stack.length === 0) return fail("unmatched closing parenthesis", i);
      stack.pop();
      i++;
      repeatable = true;
      continue;
    }
    if (c === "*" || c === "+" || c === "?") {
      if (!repeatable) return fail("quantifier does not follow a repeatable item", i);
      i++;
      // A possessive or lazy marker may follow a quantifier.
      if (pattern[i] === "+" || pattern[i] === "?") i++;
      repeatable = false;
      continue;
    }
    if (c === "|") {
      repeatable = false;
      i++;
      continue;
    }
    repeatable = c !== "^";
    i++;
  }
  if (stack.length > 0) return fail("missing closing parenthesis", pattern.length);
  return { ok: true, names };
}
