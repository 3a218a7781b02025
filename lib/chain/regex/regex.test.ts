import { describe, expect, it } from "vitest";
import { compileRegex, type LinearRegex, MAX_PATTERN_LENGTH } from "./index";

function compiled(pattern: string, caseInsensitive = false): LinearRegex {
  const result = compileRegex(pattern, { caseInsensitive });
  if (!result.ok) throw new Error(`${pattern}: ${result.error.message}`);
  return result.regex;
}

describe("matching", () => {
  it("reports the index, all groups and named groups, undefined for groups that did not take part", () => {
    const re = compiled("^/(?<kind>users|teams)/(?P<id>\\d+)(/edit)?$");
    expect(re.groupCount).toBe(3);
    expect([...re.names]).toEqual([
      ["kind", 1],
      ["id", 2],
    ]);
    expect(re.exec("/users/42")).toEqual({
      index: 0,
      groups: ["/users/42", "users", "42", undefined],
      named: { kind: "users", id: "42" },
    });
    expect(re.exec("/teams/7/edit")?.groups).toEqual(["/teams/7/edit", "teams", "7", "/edit"]);
    expect(re.exec("/users/x")).toBeNull();
    expect(re.test("/teams/1")).toBe(true);
  });

  it("treats any group name, even __proto__, as a plain key", () => {
    const m = compiled("(?<__proto__>a)(?<constructor>b)").exec("ab");
    expect(Object.keys(m?.named ?? {})).toEqual(["__proto__", "constructor"]);
    expect(Object.getOwnPropertyDescriptor(m?.named, "__proto__")?.value).toBe("a");
  });

  it("finds the leftmost match and prefers the first alternative, like PCRE", () => {
    expect(compiled("a|ab").exec("xab")).toMatchObject({ index: 1, groups: ["a"] });
    expect(compiled("ab|a").exec("xab")?.groups).toEqual(["ab"]);
    expect(compiled("(a+)(a+?)").exec("aaaa")?.groups).toEqual(["aaaa", "aaa", "a"]);
    expect(compiled("<(.+?)>").exec("<a><b>")?.groups).toEqual(["<a>", "a"]);
  });

  it("keeps captures of the last iteration and PCRE's empty-iteration rule", () => {
    expect(compiled("(?:(a)|b)*").exec("ab")?.groups).toEqual(["ab", "a"]);
    expect(compiled("(a*)*").exec("aa")?.groups).toEqual(["aa", ""]);
    expect(compiled("(a?)*").exec("")?.groups).toEqual(["", ""]);
    expect(compiled("(?:|a)*").exec("aa")?.groups).toEqual([""]);
  });

  it("~* folds ASCII letters only, as PCRE2 in non-UTF mode", () => {
    expect(compiled("\\.(JPG|png)$", true).exec("/a.jpg")?.groups).toEqual([".jpg", "jpg"]);
    expect(compiled("[^a-z]+", true).exec("ABC123")?.groups).toEqual(["123"]);
    expect(compiled("\\xe9", true).test("\u00c9")).toBe(false);
  });

  it("matches bytes: a UTF-8 URI decoded as latin-1 is matched one byte at a time", () => {
    const uri = String.fromCharCode(...new TextEncoder().encode("/카페"));
    expect(compiled("^/(.)").exec(uri)?.groups[1]).toBe("\u00ec");
    expect(compiled("^/[\\x80-\\xff]{6}$").test(uri)).toBe(true);
  });

  it("handles $ before a final newline, \\z, \\b and (?m)", () => {
    expect(compiled("a$").test("a\n")).toBe(true);
    expect(compiled("a\\z").test("a\n")).toBe(false);
    expect(compiled("(?m)^b$").exec("a\nb\nc")?.index).toBe(2);
    expect(compiled("\\bis\\b").exec("this is")?.index).toBe(5);
  });
});

describe("unsupported PCRE features", () => {
  const cases: Array<[pattern: string, offset: number, en: string, ko: string]> = [
    ["(a)\\1", 3, "backreferences", "역참조(\\1)"],
    ["(?<n>a)\\k<n>", 7, "backreferences", "역참조(\\k<n>)"],
    ["(?P<n>a)(?P=n)", 8, "backreferences", "역참조"],
    ["^/(?=admin)", 2, "lookahead assertions", "전방 탐색(lookahead) (?=…)는"],
    ["^/(?!admin)", 2, "lookahead assertions", "전방 탐색"],
    ["(?<=/)x", 0, "lookbehind assertions", "후방 탐색"],
    ["(?<!/)x", 0, "lookbehind assertions", "후방 탐색"],
    ["(?>a+)b", 0, "atomic groups", "원자 그룹"],
    ["a++b", 1, "possessive quantifiers", "소유 수량자(++)"],
    ["a{2,3}+", 1, "possessive quantifiers", "소유 수량자"],
    ["(a|(?R))", 3, "recursion", "재귀"],
    ["(a)(?1)", 3, "recursion", "재귀"],
    ["foo\\Kbar", 3, "\\K", "매치 시작 재설정(\\K)"],
    ["(?(1)a|b)", 0, "conditional", "조건부"],
    ["(?|(a)|(b))", 0, "branch reset", "분기 재설정"],
    ["\\p{Lu}", 0, "Unicode properties", "유니코드 속성"],
    ["(*UTF)a", 0, "verbs", "동사"],
    ["(?U)a*", 2, "(?J) and (?U)", "옵션 (?U)"],
  ];
  for (const [pattern, offset, en, ko] of cases) {
    it(pattern, () => {
      const result = compileRegex(pattern);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.unsupported).toBe(true);
      expect(result.error.offset).toBe(offset);
      expect(result.error.message).toContain(en);
      expect(result.error.message).toContain(`in "${pattern}" at "${pattern.slice(offset)}"`);
      expect(result.error.messageKo).toContain(ko);
      expect(result.error.messageKo).toContain("선형 시간 엔진(RE2 방식)");
    });
  }

  it("words the back-reference error as the course does", () => {
    const result = compileRegex("^/(a)\\1");
    expect(result.ok ? null : result.error).toEqual({
      offset: 5,
      message: 'linear-time regex compile failed: backreferences are not supported in "^/(a)\\1" at "\\1"',
      messageKo: "정규식에서 역참조(\\1)는 지원하지 않습니다: 이 코스의 nginx 모델은 선형 시간 엔진(RE2 방식)을 씁니다",
      unsupported: true,
    });
  });

  it("reports a real syntax error first, since nginx -t would reject the pattern anyway", () => {
    const result = compileRegex("(?=a)(b");
    expect(result.ok ? null : result.error).toMatchObject({
      message: 'pcre2_compile() failed: missing closing parenthesis in "(?=a)(b"',
      unsupported: false,
    });
    const missing = compileRegex("(a)\\2");
    expect(missing.ok ? null : missing.error.message).toBe(
      'pcre2_compile() failed: reference to non-existent subpattern in "(a)\\2" at "2"',
    );
  });
});

describe("limits", () => {
  it("rejects a pattern longer than the limit with a typed error", () => {
    const result = compileRegex("a".repeat(MAX_PATTERN_LENGTH + 1));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.messageKo).toContain(`최대 ${MAX_PATTERN_LENGTH}자`);
    expect(compileRegex("a".repeat(MAX_PATTERN_LENGTH)).ok).toBe(true);
  });

  it("rejects counted repetitions that expand too far instead of building a huge program", () => {
    const result = compileRegex("((a{1000}){1000}){1000}");
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.unsupported).toBe(true);
      expect(result.error.messageKo).toContain("{n,m}");
    }
    expect(compiled("[a-z]{1,100}").exec("x".repeat(150))?.groups[0]).toHaveLength(100);
  });

  it("rejects loops that can match empty nested so deep the VM's state table would explode", () => {
    const nested = `${"(?:".repeat(20)}a*${")*".repeat(20)}`;
    const result = compileRegex(nested);
    expect(result.ok ? null : result.error.messageKo).toContain("너무 깊게 중첩");
    const shallow = compileRegex(`${"(?:".repeat(4)}a*${")*".repeat(4)}b`);
    expect(shallow.ok && shallow.regex.exec("xaaab")?.index).toBe(1);
  });

  it("reports parentheses nested deeper than PCRE2's limit of 250", () => {
    const deep = `${"(".repeat(260)}a${")".repeat(260)}`;
    const result = compileRegex(deep);
    expect(result.ok ? null : result.error.offset).toBe(250);
    expect(compiled(`${"(".repeat(250)}a${")".repeat(250)}`).exec("a")?.groups).toHaveLength(251);
  });
});
