/**
 * The honest limit (the course's rule): when app.py uses something of Flask the model does not run, the student
 * reads in Korean what it is, where (file:line of the call) and that the real chain runs it; never a made-up error.
 */
import { pyError } from "../../python";
import type { FlaskHost } from "./host";

/** `app.py:12` for the Python line running now (the file relative to the app's folder). */
export function callPlace(host: FlaskHost): string {
  const file = host.interp.currentFile();
  const line = host.interp.currentLine();
  const relative = file.startsWith(host.appDir) ? file.slice(host.appDir.length) : file.split("/").pop() || "app.py";
  return line > 0 ? `${relative}:${line}` : relative;
}

export function honestLimitMessage(feature: string, place: string): string {
  return `코스 모형이 아직 지원하지 않는 기능입니다: ${feature} (${place}). 실제 Gunicorn/uWSGI의 Flask에서는 그대로 동작합니다.`;
}

/** Raise the honest limit for `feature` at the current line. */
export function honestLimit(host: FlaskHost, feature: string): never {
  throw pyError("NotImplementedError", honestLimitMessage(feature, callPlace(host)));
}
