/**
 * Wording the course settled on, checked in the lessons' prose (outside code blocks, inline code, links and widget
 * props): the model runs on the site's server, not in the browser; one word each for 디렉터리, Nginx and 오류; no
 * mechanical particle fallbacks such as "200을(를)"; and no line numbers that drift when a scenario file changes
 * (excerpts are anchored to text, prose names a line by its text). Then what the correctness pass settled is still
 * stated where a student first meets it, and the jargon it named links to the glossary at its first lesson.
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
  { name: "바꿔 치웁니다", pattern: /바꿔 치웁/, fix: "alias replaces the prefix: 바꿉니다 / 갈아 끼웁니다" },
  { name: "a file found and missing at once", pattern: /찾았지만 없습니다/, fix: "say what happened: 파일을 찾아봤지만 없습니다 / 파일이 없습니다" },
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

/**
 * What issue 15's correctness pass settled, each where a student first meets it. The wording rules above only
 * forbid the old sentences; these keep the corrected ones from being edited away. Each pattern is read in the
 * lesson's source (inline code included).
 */
const STATED: Array<{ lesson: string; what: string; patterns: RegExp[] }> = [
  { lesson: "01-introduction/01-welcome", what: "flask run is Werkzeug's development WSGI server; Gunicorn/uWSGI are production ones", patterns: [/Werkzeug/, /개발용 WSGI 서버/, /운영용 WSGI 서버/] },
  { lesson: "01-introduction/01-welcome", what: "where to practise: Gunicorn does not run on Windows (WSL, a Linux VM, a cloud server)", patterns: [/Windows/, /WSL/, /가상 머신/, /클라우드 서버/] },
  { lesson: "01-introduction/01-welcome", what: "both meanings of middleware (the course's WAS, PEP 3333's ProxyFix kind)", patterns: [/PEP 3333/, /ProxyFix/] },
  { lesson: "04-wsgi-gateways/01-wsgi", what: "PEP 3333's middleware is a component between, not the WAS", patterns: [/PEP 3333의 \*\*middleware\*\*/, /ProxyFix/] },
  { lesson: "04-wsgi-gateways/02-gunicorn", what: "why /run/gunicorn.sock needs root, where it is first bound", patterns: [/`\/run`에는 root만/] },
  { lesson: "04-wsgi-gateways/03-uwsgi", what: "why /run/uwsgi.sock needs root, where it is first bound", patterns: [/root로 실행할 때만/, /Permission denied/] },
  { lesson: "03-web-server/01-static-files", what: "try_files runs for every request of location /, directories too", patterns: [/\*\*모두\*\* 먼저 `try_files`/] },
  { lesson: "03-web-server/04-reverse-proxy", what: "upstream balances (round robin), not only fails over", patterns: [/라운드 로빈/, /proxy_next_upstream/] },
  { lesson: "05-deployment/04-wrap-up", what: "when ProxyFix is and is not needed behind Gunicorn 20.1", patterns: [/forwarded_allow_ips/, /유닉스 소켓/, /ProxyFix` 없이도/, /ProxyFix`가 필요한 것은/] },
  { lesson: "05-deployment/02-public", what: "the last mile: ufw and a security group, DNS, certbot, a friend, /sandbox/ with real curl", patterns: [/ufw/, /보안 그룹/, /DNS/, /certbot/, /listen 443/, /친구/, /\/sandbox\//] },
];

describe("what the correctness pass settled is still said", () => {
  for (const { lesson, what, patterns } of STATED) {
    it(`${lesson}: ${what}`, () => {
      const text = fs.readFileSync(path.join(CONTENT, lesson, "index.mdx"), "utf8");
      expect(patterns.filter((p) => !p.test(text)).map(String), `content/${lesson}/index.mdx`).toEqual([]);
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

  it("the jargon issue 15 named is linked to the glossary in the lesson that first uses it", () => {
    const terms: Array<{ term: RegExp; anchor: string }> = [
      { term: /소켓/, anchor: "소켓" },
      { term: /ETag/, anchor: "etag" },
      { term: /chunked|청크/, anchor: "청크-전송" },
      { term: /심볼릭 링크/, anchor: "심볼릭-링크" },
    ];
    const files = lessonFiles().filter((f) => !f.includes("99-glossary")).sort();
    const unlinked: string[] = [];
    for (const { term, anchor } of terms) {
      const first = files.find((file) => proseLines(fs.readFileSync(file, "utf8")).some((l) => term.test(l.text)));
      if (!first) continue;
      if (!fs.readFileSync(first, "utf8").includes(`/learn/glossary#${anchor})`)) unlinked.push(`${path.relative(process.cwd(), first)}: ${term} → /learn/glossary#${anchor}`);
    }
    expect(unlinked).toEqual([]);
  });
});
