import { describe, expect, it } from "vitest";
import { createFlaskAppLoader } from "../index";
import { gunicornEnviron } from "../environ.testkit";

const SOURCE = [
  "import os",
  "from flask import Flask, request",
  "app = Flask(__name__)",
  "",
  "@app.post('/upload')",
  "def upload():",
  "    f = request.files['photo']",
  "    f.save(os.path.join('/srv/uploads', f.filename))",
  "    return 'saved'",
  "",
].join("\n");

describe("FileStorage.save is the honest limit, not a pretended write", () => {
  it("names the feature, file and line, and says the real chain runs it", () => {
    const loaded = createFlaskAppLoader({ reuse: false }).load(new Map([["app.py", new TextEncoder().encode(SOURCE)]]), "app", "app", {});
    if (!loaded.ok) throw new Error(loaded.error.message);
    const body = '--B\r\nContent-Disposition: form-data; name="photo"; filename="cat.png"\r\nContent-Type: image/png\r\n\r\nPNG\r\n--B--\r\n';
    const out = loaded.app.call(
      gunicornEnviron({ method: "POST", path: "/upload", body, headers: [["Host", "localhost"], ["Content-Type", "multipart/form-data; boundary=B"]] }),
      { startAt: 0, epochMs: 0 },
    );
    if (out.kind !== "response") throw new Error(out.kind);
    expect(out.status).toBe("500 INTERNAL SERVER ERROR");
    const log = out.output.map((o) => o.text).join("");
    expect(log).toContain(
      "NotImplementedError: 코스 모형이 아직 지원하지 않는 기능입니다: FileStorage.save() (업로드한 파일을 서버 디스크에 저장) (app.py:8). 실제 Gunicorn/uWSGI의 Flask에서는 그대로 동작합니다.",
    );
  });
});
