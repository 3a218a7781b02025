/**
 * A request to try for each rule of an app's URL map: converters get an example value (`<int:id>` → 1), the
 * method is GET when the rule takes it, else the first it takes. Flask's own `static` rule gets one of the
 * project's static files, so the list also shows nginx answering those.
 */
import type { RouteRule } from "./routes";

export interface RouteExample {
  method: string;
  target: string;
}

const EXAMPLE_BY_CONVERTER: Record<string, string> = {
  int: "1",
  float: "1.5",
  path: "a/b",
  uuid: "12345678-1234-5678-1234-567812345678",
  string: "test",
  default: "test",
};

export function exampleRequest(rule: RouteRule, staticFiles: readonly string[] = []): RouteExample {
  const method = rule.methods.includes("GET") ? "GET" : (rule.methods.find((m) => m !== "HEAD" && m !== "OPTIONS") ?? "GET");
  if (rule.endpoint === "static" && staticFiles.length > 0) {
    return { method, target: rule.rule.replace(/<[^>]*>/, staticFiles[0].split("/").map(encodeURIComponent).join("/")) };
  }
  const target = rule.rule.replace(/<(?:([A-Za-z_][A-Za-z0-9_]*)(\([^)]*\))?:)?([A-Za-z_][A-Za-z0-9_]*)>/g, (_all, converter: string | undefined, args: string | undefined) => {
    if (converter === "any" && args) {
      const first = /['"]?([^'",()\s]+)/.exec(args.slice(1));
      return first ? first[1] : "test";
    }
    return EXAMPLE_BY_CONVERTER[converter ?? "default"] ?? "test";
  });
  return { method, target };
}
