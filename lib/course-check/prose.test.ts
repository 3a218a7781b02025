/**
 * Wording the course settled on, checked in the lessons' prose (outside code blocks, inline code, links and widget
 * props): the model runs on the site's server, not in the browser; one word each for 디렉터리, Nginx and 오류; no
 * mechanical particle fallbacks such as "200을(를)"; and no line numbers that drift when a scenario file changes
 * (excerpts are anchored to text, prose names a line by its text).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { slugifyHeading } from "@/lib/content/headings";

const CONTENT = path.join(process.cwd(), "content");

function lessonFiles(): string[] {
  const out: string[] = [];
  for (const part of fs.readdirSync(CONTENT).filter((p) => /^\d\d-/.test(p) && !p.startsWith("99-"))) {
    for (const lesson of fs.readdirSync(path.join(CONTENT, part)).filter((l) => /^\d\d-/.test(l))) {
      const file = path.join(CONTENT, part, lesson, "index.mdx");
      if (fs.existsSync(file)) out.push(file);
    }
  }
  return out;
}

/** Prose lines with their numbers: fenced code, inline code and URLs removed. */
export function proseLines(text: string): Array<{ line: number; text: string }> {
  const lines: Array<{ line: number; text: string }> = [];
  let fenced = false;
  text.split("\n").forEach((raw, i) => {
    if (/^\s*```/.test(raw)) {
      fenced = !fenced;
      return;
    }
    if (fenced) return;
    const prose = raw.replace(/`[^`]*`/g, "").replace(/\]\([^)]*\)/g, "]").replace(/https?:\/\/\S+/g, "");
    lines.push({ line: i + 1, text: prose });
  });
  return lines;
}

const RULES: Array<{ name: string; pattern: RegExp; fix: string }> = [
  { name: "the model runs in the browser", pattern: /브라우저 안(에서|의)/, fix: "the chain runs on the site's server behind POST /api/chain" },
  { name: "Flask said not to read sockets", pattern: /Flask는 소켓/, fix: "the app object is a WSGI callable; flask run is Werkzeug's development WSGI server; Gunicorn/uWSGI are production ones" },
  { name: "Gunicorn installable anywhere", pattern: /어디서든 설치/, fix: "Gunicorn does not run on Windows: say where to practise (WSL, a Linux VM, a cloud server)" },
  { name: "폴더", pattern: /폴더/, fix: "write 디렉터리" },
  { name: "lowercase nginx in prose", pattern: /(?<![/.\w-])nginx(?![.\w/-])/, fix: "write Nginx (nginx only in code, paths and props)" },
  { name: "a particle fallback", pattern: /을\(를\)|를\(을\)|이\(가\)|은\(는\)|과\(와\)|\(으\)로|\(이\)/, fix: "choose the particle from the last syllable" },
  { name: "에러", pattern: /에러/, fix: "write 오류" },
  { name: "excerpt by line numbers", pattern: /<ScenarioFile\b[^>]*\s(lines=|highlight="[\d,\s-]+")/, fix: 'anchor excerpts to text: from="location / {" to="…" highlight="proxy_pass"' },
  { name: "line number quoted in prose", pattern: /\d+\s?(행|번째 줄|번 줄)/, fix: "name the line by its text (the `proxy_pass` line), not its number" },
];

describe("lesson wording", () => {
  it("finds the lessons", () => expect(lessonFiles().length).toBeGreaterThan(10));

  for (const rule of RULES) {
    it(`has no ${rule.name}`, () => {
      const hits: string[] = [];
      for (const file of lessonFiles()) {
        for (const { line, text } of proseLines(fs.readFileSync(file, "utf8"))) {
          // Widget props are data, not prose: skip JSX attribute lines such as responder: "nginx".
          if (rule.name.startsWith("lowercase") && /^\s*[\w"{[]|^\s*\w+=|responder|choices/.test(text) && !/[가-힣]/.test(text.replace(/"[^"]*"/g, ""))) continue;
          if (rule.pattern.test(text)) hits.push(`${path.relative(process.cwd(), file)}:${line}: ${text.trim().slice(0, 80)}`);
        }
      }
      expect(hits, rule.fix).toEqual([]);
    });
  }
});

describe("glossary links", () => {
  it("every /learn/glossary#… link names a term the glossary has", () => {
    const glossary = fs.readFileSync(path.join(CONTENT, "01-introduction", "99-glossary", "index.mdx"), "utf8");
    const ids = new Set([...glossary.matchAll(/^#{2,3} (.+)$/gm)].map((m) => slugifyHeading(m[1])));
    const broken: string[] = [];
    let links = 0;
    for (const file of lessonFiles()) {
      for (const match of fs.readFileSync(file, "utf8").matchAll(/\/learn\/glossary#([^)\s"]+)/g)) {
        links++;
        if (!ids.has(decodeURIComponent(match[1]))) broken.push(`${path.relative(process.cwd(), file)}: #${match[1]}`);
      }
    }
    expect(links).toBeGreaterThan(3);
    expect(broken, `glossary terms: ${[...ids].join(", ")}`).toEqual([]);
  });
});
