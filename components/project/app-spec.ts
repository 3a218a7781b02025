/**
 * The module:callable the student chose, written into the gateway's config as the chain reads it
 * (lib/chain/run.ts): Gunicorn's `wsgi_app = "module:callable"`, uWSGI's `module = module:callable`. Pure.
 */
export const APP_SPEC = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(:[A-Za-z_][A-Za-z0-9_]*)?$/;

export function isAppSpec(spec: string): boolean {
  return APP_SPEC.test(spec);
}

/** The config text with the spec set, and the one line that says so (shown to the student as the edit). */
export function withAppSpec(config: string, gateway: "gunicorn" | "uwsgi", spec: string): { text: string; line: string } {
  if (gateway === "gunicorn") {
    const line = `wsgi_app = "${spec}"`;
    const pattern = /^wsgi_app\s*=.*$/m;
    const text = pattern.test(config) ? config.replace(pattern, line) : `${config.replace(/\n?$/, "\n")}${line}\n`;
    return { text, line };
  }
  const line = `module = ${spec}`;
  // `wsgi-file` would win over module in the chain's reading: the chosen module replaces it.
  const lines = config.split("\n").filter((l) => !/^\s*(wsgi-file|file)\s*=/.test(l));
  const at = lines.findIndex((l) => /^\s*(module|wsgi)\s*=/.test(l));
  if (at >= 0) lines[at] = line;
  else {
    const section = lines.findIndex((l) => l.trim() === "[uwsgi]");
    lines.splice(section >= 0 ? section + 1 : 0, 0, line);
  }
  return { text: lines.join("\n"), line };
}

/** The spec a config names now (what the picker starts from). */
export function appSpecOf(config: string, gateway: "gunicorn" | "uwsgi"): string | null {
  const match = gateway === "gunicorn" ? /^wsgi_app\s*=\s*["']([^"']+)["']/m.exec(config) : /^\s*module\s*=\s*(\S+)/m.exec(config);
  return match ? match[1] : null;
}
