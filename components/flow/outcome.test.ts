/** The outcome line and the step list's time labels, from traces the real chain model gives for hello_cju. */
import { beforeAll, describe, expect, it } from "vitest";
import { loadScenario, type LoadedScenario } from "@/lib/scenarios/load.server";
import { runChain } from "@/lib/chain/run";
import type { GatewayKind } from "@/lib/chain/trace";
import { firstSentence, summarizeOutcome, timeLabels } from "./outcome";
import { isFrameStep } from "./playback";

let hello: LoadedScenario;
beforeAll(async () => {
  hello = (await loadScenario("hello_cju"))!;
});

function send(target: string, gateway: GatewayKind = "gunicorn", down = false) {
  const result = runChain({
    scenario: "hello_cju",
    manifest: hello.manifest,
    files: hello.files,
    gateway,
    faults: down ? { gateway: "down" } : undefined,
    raw: new TextEncoder().encode(`GET ${target} HTTP/1.1\r\nHost: localhost\r\n\r\n`),
  });
  if (!result.ok) throw new Error(result.errors[0].message);
  const { status, reason } = result.response;
  return { outcome: summarizeOutcome({ status, reason }, result.trace, gateway), frames: result.trace.steps.filter(isFrameStep) };
}

describe("summarizeOutcome", () => {
  it("a static file: Nginx sent it from disk, the gateway never saw it", () => {
    const { outcome } = send("/static/style.css");
    expect(outcome.statusLine).toBe("HTTP/1.1 200 OK");
    expect(outcome.responder).toBe("nginx");
    expect(outcome.summary).toBe("Nginx가 디스크의 /srv/hello_cju/static/style.css 파일을 직접 보냈습니다. Gunicorn과 Flask 앱은 이 요청을 보지 못했습니다.");
  });

  it("a proxied route: the view's answer came back through the gateway and nginx", () => {
    const { outcome } = send("/hello/cju", "uwsgi");
    expect(outcome).toEqual({ statusLine: "HTTP/1.1 200 OK", responder: "app", summary: "Flask 앱의 뷰 hello()가 만든 200 응답이 uWSGI와 Nginx를 거쳐 돌아왔습니다." });
  });

  it("a 502 with the gateway down names the failed connect() and says nothing reached the gateway", () => {
    const { outcome } = send("/hello/cju", "gunicorn", true);
    expect(outcome.statusLine).toBe("HTTP/1.1 502 Bad Gateway");
    expect(outcome.responder).toBe("nginx");
    expect(outcome.summary).toBe(
      "Nginx가 Gunicorn에 연결하지 못해(connect() to unix:/run/gunicorn.sock failed (2: No such file or directory)) 502로 답했습니다. Gunicorn과 Flask 앱에는 요청이 닿지 않았습니다.",
    );
  });

  it("a 504 is explained by the timeout, not by what the view did after nginx gave up", () => {
    const { outcome } = send("/slow?s=15");
    expect(outcome.statusLine).toBe("HTTP/1.1 504 Gateway Time-out");
    expect(outcome.summary).toMatch(/^Nginx가 504로 답했습니다\. 게이트웨이가 10초 안에 응답 헤더를 보내지 않아/);
    expect(outcome.summary).not.toContain("EPIPE");
  });

  it("nginx answering alone (a missing static file) says the gateway was not involved", () => {
    expect(send("/static/nope.css").outcome.summary).toBe("Nginx가 혼자 404로 답했습니다. Gunicorn과 Flask 앱까지 가지 않았습니다.");
  });
});

describe("timeLabels", () => {
  it("shows no time at all while the virtual clock stands still", () => {
    const { frames } = send("/hello/cju");
    expect(timeLabels(frames).every((label) => label === null)).toBe(true);
  });

  it("labels the wait and the moments after the clock moved on", () => {
    const { frames } = send("/slow?s=15");
    const labels = timeLabels(frames);
    const shown = labels.filter((l): l is string => l !== null);
    expect(shown).toContain("15 s 기다림");
    expect(shown).toContain("10 s 기다림");
    expect(shown).toContain("가상 시각 10 s");
    expect(shown).toContain("가상 시각 15 s");
    // Steps at the same moment as the one before them carry no label: never a column of equal times.
    expect(labels[0]).toBeNull();
    expect(new Set(shown.filter((l) => l.startsWith("가상 시각"))).size).toBe(shown.filter((l) => l.startsWith("가상 시각")).length);
  });
});

describe("firstSentence", () => {
  it("stops at the first full stop that ends a word, not inside a path", () => {
    expect(firstSentence("nginx가 소켓 /run/gunicorn.sock에 연결하지 못했습니다 (errno 2). 게이트웨이가 꺼져 있습니다.")).toBe(
      "nginx가 소켓 /run/gunicorn.sock에 연결하지 못했습니다 (errno 2).",
    );
  });
});
