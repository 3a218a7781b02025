import { describe, expect, it } from "vitest";
import { resolveAnchors } from "./excerpt-anchor";

const nginx = `server {
    listen 80;

    # Static files.
    location ^~ /static/ {
        alias /srv/static/;
    }

    location / {
        proxy_pass http://unix:/run/gunicorn.sock;
    }
}
`;

const python = `app = Flask(__name__)


@app.route("/")
def index():
    if True:
        return "x"

    return "y"


@app.route("/about/")
def about():
    return "about"
`;

describe("resolveAnchors", () => {
  it("takes an nginx block with the comments above it", () => {
    expect(resolveAnchors(nginx, "nginx.conf", "location ^~ /static/", undefined, "alias")).toEqual({ ok: true, from: 4, to: 7, highlight: [6] });
  });
  it("ends at the block that `to` opens", () => {
    expect(resolveAnchors(nginx, "nginx.conf", "location ^~ /static/", "location / {", "proxy_pass|alias")).toEqual({ ok: true, from: 4, to: 11, highlight: [6, 10] });
  });
  it("takes a decorated Python function through its body, blank lines inside included", () => {
    expect(resolveAnchors(python, "app.py", '@app.route("/")', undefined, undefined)).toEqual({ ok: true, from: 4, to: 9, highlight: [] });
  });
  it("a plain line is an excerpt of one line", () => {
    expect(resolveAnchors(nginx, "nginx.conf", "listen 80", undefined, undefined)).toMatchObject({ from: 2, to: 2 });
  });
  it("fails when the anchor is missing, repeated, or the highlight is outside the excerpt", () => {
    expect(resolveAnchors(nginx, "nginx.conf", "location /nope/", undefined, undefined).ok).toBe(false);
    expect(resolveAnchors(nginx, "nginx.conf", "location", undefined, undefined)).toMatchObject({ ok: false, message: expect.stringContaining("occurs 2 times") });
    expect(resolveAnchors(nginx, "nginx.conf", "location ^~ /static/", undefined, "proxy_pass").ok).toBe(false);
  });
  it("a line inserted above does not change what is shown", () => {
    const moved = resolveAnchors("# a new first line\n" + nginx, "nginx.conf", "location ^~ /static/", undefined, "alias");
    expect(moved).toEqual({ ok: true, from: 5, to: 8, highlight: [7] });
  });
});
