/**
 * The virtual /etc/nginx of the modelled server: Debian 12's files (debian/files.ts), empty conf.d and
 * modules-enabled, and the student's site as sites-enabled/<name> (and sites-available/<name>). The Debian
 * `sites-enabled/default` is deliberately absent: the student replaced the default site.
 */
import { DEBIAN_FILES } from "./debian/files";
import { josa } from "../../korean";

export const PREFIX = "/etc/nginx/";

export type IncludeResult =
  | { ok: true; files: Array<{ path: string; text: string }> }
  | { ok: false; message: string; messageKo: string };

export class VirtualEtc {
  private readonly files = new Map<string, string>();

  constructor(siteName: string, siteText: string) {
    for (const [rel, text] of Object.entries(DEBIAN_FILES)) this.files.set(PREFIX + rel, text);
    this.files.set(`${PREFIX}sites-enabled/${siteName}`, siteText);
    this.files.set(`${PREFIX}sites-available/${siteName}`, siteText);
  }

  read(path: string): string | undefined {
    return this.files.get(path);
  }

  private isDirectory(path: string): boolean {
    const dir = path.endsWith("/") ? path : path + "/";
    if (["conf.d/", "modules-enabled/", "modules-available/"].some((d) => dir === PREFIX + d)) return true;
    for (const p of this.files.keys()) if (p.startsWith(dir)) return true;
    return false;
  }

  /** What `include <arg>` reads, relative names resolved against /etc/nginx/ (nginx's conf prefix). */
  include(arg: string): IncludeResult {
    const path = arg.startsWith("/") ? arg : PREFIX + arg;
    if (/[*?[]/.test(path)) {
      const re = globRegExp(path);
      const matches = [...this.files.keys()].filter((p) => re.test(p)).sort();
      return { ok: true, files: matches.map((p) => ({ path: p, text: this.files.get(p) ?? "" })) };
    }
    const text = this.files.get(path);
    if (text !== undefined) return { ok: true, files: [{ path, text }] };
    if (this.isDirectory(path)) {
      return {
        ok: false,
        message: `pread() "${path}" failed (21: Is a directory)`,
        messageKo: `"${path}"${josa(path, "은/는")} 파일이 아니라 디렉터리입니다. 디렉터리 안의 파일을 모두 읽으려면 "${arg.replace(/\/?$/, "/*")}"처럼 쓰세요.`,
      };
    }
    return {
      ok: false,
      message: `open() "${path}" failed (2: No such file or directory)`,
      messageKo: `include할 파일 "${path}"${josa(path, "이/가")} 없습니다. 파일 이름(예: proxy_params, uwsgi_params)을 확인하세요.`,
    };
  }
}

/** Debian's nginx.conf includes the same globs in every configuration: each is compiled once (a bounded cache). */
const GLOBS = new Map<string, RegExp>();

function globRegExp(glob: string): RegExp {
  let re = GLOBS.get(glob);
  if (!re) {
    if (GLOBS.size >= 64) GLOBS.clear();
    GLOBS.set(glob, (re = globToRegExp(glob)));
  }
  return re;
}

/** glob(3) as nginx uses it: `*` and `?` do not cross `/`, and they do not match a leading dot. */
function globToRegExp(glob: string): RegExp {
  let re = "^";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    const atSegmentStart = i === 0 || glob[i - 1] === "/";
    if (c === "*") re += atSegmentStart ? "(?!\\.)[^/]*" : "[^/]*";
    else if (c === "?") re += atSegmentStart ? "(?!\\.)[^/]" : "[^/]";
    else if (c === "[") {
      const end = glob.indexOf("]", i + 1);
      if (end < 0) re += "\\[";
      else {
        re += "[" + glob.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\") + "]";
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(re + "$");
}
