/**
 * The honest limit (the course's rule): when app.py uses something of Flask the model does not run, the student
 * reads in Korean what it is, where (file:line of the call) and that the real chain runs it; never a made-up error.
 */
import { honestLimitText, pyError } from "../../python";
import type { FlaskHost } from "./host";

/** `app.py:12` for the Python line running now (the file relative to the app's folder). */
export function callPlace(host: FlaskHost): string {
  const file = host.interp.currentFile();
  const line = host.interp.currentLine();
  const relative = file.startsWith(host.appDir) ? file.slice(host.appDir.length) : file.split("/").pop() || "app.py";
  return line > 0 ? `${relative}:${line}` : relative;
}

export function honestLimitMessage(feature: string, place: string): string {
  return honestLimitText(feature, place, "Flask");
}

/** Raise the honest limit for `feature` at the current line. */
export function honestLimit(host: FlaskHost, feature: string): never {
  throw pyError("NotImplementedError", honestLimitMessage(feature, callPlace(host)));
}
