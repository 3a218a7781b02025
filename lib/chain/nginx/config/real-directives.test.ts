/**
 * Every directive the real nginx 1.22.1 knows, in every context a site file can reach, against what `nginx -t`
 * said for `name;` there (real-directives.messages.json, recorded by conformance/capture/nginx-config/probe-real-directives.mjs). The model must
 * never call a real directive unknown, and where nginx refuses the placement or the argument count, the model must
 * refuse it with nginx's words.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { loadNginxConfig } from "./index";

const recorded: { messages: Record<string, Record<string, string>> } = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "real-directives.messages.json"), "utf8"),
);

/** The site file around `line` for each context the probe used (main and events lie outside a site file). */
const SITE_PLACES: Record<string, (line: string) => string> = {
  http: (d) => `${d}\n`,
  server: (d) => `server { ${d} }\n`,
  location: (d) => `server { location / { ${d} } }\n`,
  sif: (d) => `server { if ($uri) { ${d} } }\n`,
  lif: (d) => `server { location / { if ($uri) { ${d} } } }\n`,
  lmt: (d) => `server { location / { limit_except GET { ${d} } } }\n`,
  upstream: (d) => `upstream u { server 127.0.0.1:9; ${d} }\n`,
};

/** The structural refusals of ngx_conf_handler, which come before any value is read. */
const STRUCTURAL = /is not allowed here$|^invalid number of arguments|has no opening "\{"$|is not terminated by ";"$/;

function modelSays(name: string, context: string): string | null {
  const result = loadNginxConfig({ siteName: "probe", siteText: SITE_PLACES[context]!(`${name};`) });
  // nginx -t's " in <file>:<line>" was cut off the recording; the model's names the site file.
  return result.ok ? null : (result.errors[0]?.message.replace(/ in \/etc\/nginx\/sites-enabled\/probe:\d+$/, "") ?? null);
}

const names = Object.keys(recorded.messages);

describe("directives of the real nginx 1.22.1", () => {
  test("the recording holds the whole table (hundreds of directives)", () => {
    expect(names.length).toBeGreaterThan(400);
    expect(names).toEqual(expect.arrayContaining(["proxy_pass", "uwsgi_pass", "msie_refresh", "proxy_ignore_client_abort", "keepalive"]));
  });

  test.each(Object.keys(SITE_PLACES))("`name;` in %s: refused as nginx refuses it, and never unknown", (context) => {
    const wrong: string[] = [];
    for (const name of names) {
      const real = recorded.messages[name]![context]!;
      const model = modelSays(name, context);
      if (model !== null && model.startsWith("unknown directive")) wrong.push(`${name}: model says "${model}", nginx says "${real}"`);
      else if (STRUCTURAL.test(real) && model !== real) wrong.push(`${name}: model says "${model}", nginx says "${real}"`);
      else if (!STRUCTURAL.test(real) && model !== null && STRUCTURAL.test(model)) wrong.push(`${name}: model says "${model}", nginx accepts the placement ("${real}")`);
    }
    expect(wrong).toEqual([]);
  });

  test("an unsupported directive nginx accepts is reported as the course's limitation, in Korean", () => {
    const result = loadNginxConfig({ siteName: "probe", siteText: "server { location / { limit_rate 10k; } }\n" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ unsupported: true });
    expect(result.errors[0]!.messageKo).toMatch(/[가-힣]/);
  });
});

describe("variables of the real nginx 1.22.1", () => {
  const variables: string[] = JSON.parse(readFileSync(path.join(import.meta.dirname, "real-variables.json"), "utf8")).variables;

  test("every variable nginx defines can be used, and a name it does not define is refused with its words", () => {
    expect(variables).toEqual(expect.arrayContaining(["remote_addr", "proxy_add_x_forwarded_for", "connections_active", "upstream_cache_etag"]));
    const refused = variables.filter((name) => !loadNginxConfig({ siteName: "probe", siteText: `server { location / { set $v $${name}; } }\n` }).ok);
    expect(refused).toEqual([]);
    const unknown = loadNginxConfig({ siteName: "probe", siteText: "server { location / { set $v $no_such_thing; } }\n" });
    expect(unknown.ok ? null : unknown.errors[0]!.message).toMatch(/^unknown "no_such_thing" variable/);
  });
});

