/** Public shapes of the nginx configuration model (see README.md). */

/** One directive as nginx parsed it. `line` is the line of the directive's first token. */
export interface Directive {
  name: string;
  args: string[];
  /** The file as nginx names it, e.g. `/etc/nginx/sites-enabled/hello_cju` or `/etc/nginx/proxy_params`. */
  file: string;
  line: number;
  /** Present for block directives (`server {}`, `location / {}`, `types {}`), empty array for `{}`. */
  block?: Directive[];
}

/**
 * The main /etc/nginx/nginx.conf with every `include` expanded inline: the include directive itself is removed
 * and replaced by the included directives, each keeping its own file and line. The `types {}` block of
 * /etc/nginx/mime.types therefore appears inside `http`.
 */
export interface NginxConfig {
  main: Directive[];
}

export interface NginxConfigError {
  file: string;
  line: number;
  /** nginx's own words, without the `nginx: [emerg]` prefix, ending with ` in file:line` where nginx adds it. */
  message: string;
  /** The same for the student, in Korean. */
  messageKo: string;
  level: "emerg" | "warn";
  /** The directive is real nginx but outside what the course model implements (not nginx's own error). */
  unsupported?: boolean;
  /** The one error the real `nginx -t` prints (it stops at its first [emerg]). */
  first?: boolean;
}

export type LoadNginxConfigResult =
  | { ok: true; config: NginxConfig; warnings: NginxConfigError[] }
  | { ok: false; errors: NginxConfigError[]; warnings: NginxConfigError[] };

export interface LoadNginxConfigInput {
  /** The site's file name under /etc/nginx/sites-enabled/, e.g. `hello_cju`. */
  siteName: string;
  /** The text the student wrote (a `server {}` block). */
  siteText: string;
}
