import { describe, expect, test } from "vitest";
import { isBuiltinVariable, scanVariables } from "./variables";

describe("variable scanner (ngx_http_script_compile)", () => {
  test("finds $name and ${name}, skips $1..$9 captures", () => {
    expect(scanVariables("$scheme://$host${request_uri}x $1 $arg_page")).toEqual({ ok: true, names: ["scheme", "host", "request_uri", "arg_page"] });
  });

  test("a lone $ and an unclosed ${ are nginx's errors", () => {
    expect(scanVariables("cost: 5$")).toMatchObject({ ok: false, message: "invalid variable name" });
    expect(scanVariables("${uri")).toMatchObject({ ok: false, message: 'the closing bracket in "uri" variable is missing' });
  });

  test("built-in names and prefixes", () => {
    for (const n of ["uri", "request_uri", "proxy_add_x_forwarded_for", "http_x_custom", "arg_id", "cookie_sid", "sent_http_content_type", "3"]) {
      expect(isBuiltinVariable(n)).toBe(true);
    }
    for (const n of ["nope", "requset_uri", "http_", "uwsgi_x", "tcp_info"]) expect(isBuiltinVariable(n)).toBe(false);
  });
});
