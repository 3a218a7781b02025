import { describe, expect, it } from "vitest";
import { exampleRequest } from "./route-examples";

const rule = (r: string, methods = ["GET", "HEAD", "OPTIONS"], endpoint = "view") => ({ rule: r, methods, endpoint });

describe("exampleRequest", () => {
  it("fills each converter with a value it accepts", () => {
    expect(exampleRequest(rule("/users/<int:user_id>"))).toEqual({ method: "GET", target: "/users/1" });
    expect(exampleRequest(rule("/price/<float:x>/<name>"))).toEqual({ method: "GET", target: "/price/1.5/test" });
    expect(exampleRequest(rule("/files/<path:p>"))).toEqual({ method: "GET", target: "/files/a/b" });
    expect(exampleRequest(rule("/lang/<any(ko, en):code>"))).toEqual({ method: "GET", target: "/lang/ko" });
  });

  it("uses the first method a POST-only rule takes", () => {
    expect(exampleRequest(rule("/echo", ["OPTIONS", "POST"]))).toEqual({ method: "POST", target: "/echo" });
  });

  it("gives Flask's static rule one of the project's static files", () => {
    expect(exampleRequest(rule("/static/<path:filename>", ["GET", "HEAD", "OPTIONS"], "static"), ["css/style.css"])).toEqual({ method: "GET", target: "/static/css/style.css" });
  });
});
