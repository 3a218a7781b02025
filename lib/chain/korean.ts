/**
 * Korean particles chosen from the word before them, for sentences that put a value (a status code, a path, a
 * location name) before a particle: `${path}${josa(path, "을/를")}` gives "index.html을" and "/static/style.css를".
 * Hangul reads its last syllable; digits and Latin words are read as a Korean speaker would say them
 * ("200" 이백 → 을, "127.0.0.1" 일 → 로, "@app" 앱 → 으로, "gunicorn.sock" 삭 → 을). Latin words follow the
 * usual loanword endings; where English spelling leaves it open, the more common reading wins.
 */
export type JosaPair = "을/를" | "이/가" | "은/는" | "과/와" | "으로/로" | "이다/다";

type Final = "none" | "rieul" | "other";

const HANGUL_FIRST = 0xac00;
const HANGUL_LAST = 0xd7a3;
/** How each digit is read: 영 일 이 삼 사 오 육 칠 팔 구. */
const DIGIT_FINAL: Record<string, Final> = { "0": "other", "1": "rieul", "2": "none", "3": "other", "4": "none", "5": "none", "6": "other", "7": "rieul", "8": "rieul", "9": "none" };
/** Letters said by name: 엘 엠 엔 알 end in a consonant, the rest (에이, 비, 엑스 …) do not. */
const LETTER_FINAL: Record<string, Final> = { l: "rieul", r: "rieul", m: "other", n: "other" };

function finalOf(text: string): Final {
  // A parenthesis after a word does not change its particle: "역참조(\\1)는".
  const word = /\S\([^()]*\)$/.test(text) ? text.slice(0, text.lastIndexOf("(")) : text;
  const trimmed = word.replace(/[^0-9A-Za-z\uac00-\ud7a3]+$/u, "");
  if (trimmed === "") return "none";
  const last = trimmed[trimmed.length - 1];
  const code = last.codePointAt(0)!;
  if (code >= HANGUL_FIRST && code <= HANGUL_LAST) {
    const jong = (code - HANGUL_FIRST) % 28;
    return jong === 0 ? "none" : jong === 8 ? "rieul" : "other";
  }
  if (/[0-9]/.test(last)) return DIGIT_FINAL[last];
  const letters = /[A-Za-z]+$/.exec(trimmed)?.[0] ?? "";
  const latin = letters.toLowerCase();
  // One letter, or a short capitalised abbreviation ("OK", "URL", "TCP"), is spelled out letter by letter.
  if (latin.length === 1 || (letters.length <= 3 && letters === letters.toUpperCase())) return LETTER_FINAL[latin[latin.length - 1]] ?? "none";
  if (/(ng|m|n)$/.test(latin)) return "other";
  if (/(l|le)$/.test(latin)) return "rieul";
  if (/(ck|k|p|b|[aei]t)$/.test(latin)) return "other";
  return "none";
}

/** The particle alone, to put right after `word` (or after a closing quote that follows it). */
export function josa(word: string | number, pair: JosaPair): string {
  const [withFinal, withoutFinal] = pair.split("/");
  const final = finalOf(String(word));
  if (pair === "으로/로") return final === "other" ? withFinal : withoutFinal;
  if (pair === "이다/다") return final === "none" ? withoutFinal : withFinal;
  return final === "none" ? withoutFinal : withFinal;
}

/** `word` followed by its particle. */
export function withJosa(word: string, pair: JosaPair): string {
  return word + josa(word, pair);
}
