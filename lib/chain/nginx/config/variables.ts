/**
 * Variables nginx 1.22 (Debian 12 build, no dynamic modules loaded) knows, and the `$name` / `${name}` scanner
 * nginx's script compiler applies to values that may contain variables.
 */
import realVariables from "./real-variables.json";

/** nginx's own variable names, read off /usr/sbin/nginx by conformance/capture/nginx-config/probe-real-directives.mjs. */
const BUILTIN = new Set(realVariables.variables);

const PREFIXES = [
  "http_", "sent_http_", "sent_trailer_", "cookie_", "arg_", "upstream_http_", "upstream_trailer_", "upstream_cookie_",
];

/** Whether nginx itself defines `$name` (user variables from `set` and regex groups are checked separately). */
export function isBuiltinVariable(name: string): boolean {
  const l = name.toLowerCase();
  if (/^\d+$/.test(l)) return true; // $1..$9 regex captures
  if (BUILTIN.has(l)) return true;
  return PREFIXES.some((p) => l.startsWith(p) && l.length > p.length);
}

export type VariableScan = { ok: true; names: string[] } | { ok: false; message: string; messageKo: string };

const NAME_CHAR = /[A-Za-z0-9_]/;

/** Finds the variables in a value as ngx_http_script_compile does, with its errors. */
export function scanVariables(value: string): VariableScan {
  const names: string[] = [];
  let i = 0;
  while (i < value.length && names.length < 1000) {
    if (value[i] !== "$") {
      i++;
      continue;
    }
    i++;
    if (i < value.length && value[i] >= "1" && value[i] <= "9") {
      i++;
      continue;
    }
    let name = "";
    if (value[i] === "{") {
      i++;
      while (i < value.length && value[i] !== "}" && NAME_CHAR.test(value[i])) name += value[i++];
      if (value[i] !== "}") {
        return {
          ok: false,
          message: `the closing bracket in "${name}" variable is missing`,
          messageKo: `변수 "\${${name}"의 닫는 중괄호 "}"가 없습니다.`,
        };
      }
      i++;
    } else {
      while (i < value.length && NAME_CHAR.test(value[i])) name += value[i++];
    }
    if (name.length === 0) {
      return {
        ok: false,
        message: "invalid variable name",
        messageKo: '"$" 뒤에 변수 이름이 없습니다. 문자 "$" 자체를 쓰려면 변수를 거쳐야 합니다.',
      };
    }
    names.push(name);
  }
  return { ok: true, names };
}
