import { readdirSync, existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_ROUTES, matchApiRoute, SANDBOX_METHODS } from "./routes.server";

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const appDir = path.resolve(import.meta.dirname, "../../app");

/** The HTTP methods a Next route file exports. */
async function exportedMethods(file: string): Promise<string[]> {
  const exports = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
  return HTTP_METHODS.filter((method) => typeof exports[method] === "function").sort();
}

describe("the API table", () => {
  it("has exactly the endpoints and methods of the app/api route files", async () => {
    const fromFiles: Record<string, string[]> = {};
    for (const name of readdirSync(path.join(appDir, "api"), { recursive: true, encoding: "utf8" })) {
      const file = path.join(appDir, "api", name, "route.ts");
      if (existsSync(file)) fromFiles[`/api/${name.split(path.sep).join("/")}`] = await exportedMethods(file);
    }
    const fromTable = Object.fromEntries(Object.entries(API_ROUTES).map(([route, methods]) => [route, Object.keys(methods).sort()]));
    expect(fromTable).toEqual(fromFiles);
  });

  it("gives the sandbox the methods its route file exports", async () => {
    const file = path.join(appDir, "sandbox", "[scenario]", "[[...path]]", "route.ts");
    expect(await exportedMethods(file)).toEqual([...SANDBOX_METHODS].sort());
  });
});

describe("matchApiRoute", () => {
  it("matches an endpoint's path and method exactly", () => {
    expect(matchApiRoute("POST", "/api/chain")).toMatchObject({ securityHeaders: true });
    expect(matchApiRoute("GET", "/api/ping")).not.toBeNull();
    expect(matchApiRoute("GET", "/api/chain")).toBeNull(); // Next answers 405
    expect(matchApiRoute("POST", "/api/chain/")).toBeNull(); // Next redirects
    expect(matchApiRoute("GET", "/api/nothing")).toBeNull();
    expect(matchApiRoute("GET", "/learn/web-server")).toBeNull();
    expect(matchApiRoute("GET", "/api")).toBeNull();
  });

  it("does not find object properties as routes", () => {
    expect(matchApiRoute("GET", "constructor")).toBeNull();
    expect(matchApiRoute("constructor", "/api/ping")).toBeNull();
    expect(matchApiRoute("toString", "/api/chain")).toBeNull();
  });

  it("hands any path below a sandbox scenario to the sandbox, trailing slash included, without the course's headers", () => {
    for (const pathname of ["/sandbox/hello_cju", "/sandbox/hello_cju/", "/sandbox/hello_cju/static/", "/sandbox/hello_cju/a/b?c"]) {
      expect(matchApiRoute("GET", pathname)).toMatchObject({ securityHeaders: false });
    }
    expect(matchApiRoute("DELETE", "/sandbox/hello_cju/x")).not.toBeNull();
    expect(matchApiRoute("TRACE", "/sandbox/hello_cju/x")).toBeNull();
    expect(matchApiRoute("GET", "/sandbox/")).toBeNull();
    expect(matchApiRoute("GET", "/sandbox")).toBeNull();
  });
});
