// Read the directive table off the real nginx (run by hand, never by tests):
//   node conformance/capture/nginx-config/probe-real-directives.mjs      (about 90 s)
// Candidate names are the identifier-like words of /usr/sbin/nginx's strings; a name is a directive when `nginx -t` does not
// call it unknown. For each directive it records, as ngx_conf_handler decides them:
//   - the contexts it is allowed in (`name;` placed in each context: "is not allowed here" or not),
//   - whether it opens a block ("has no opening "{"" without one),
//   - how many arguments it takes (0–8 arguments tried in an allowed context: "invalid number of arguments" or not;
//     "flag" when one argument must be on or off).
// Writes config/real-directives.json (the table the model's loader uses for directives it does not implement),
// config/real-directives.messages.json (what nginx -t said for `name;` in each context, for the loader's test) and
// config/real-variables.json (every `$name` nginx defines, besides the $http_… kind of prefixes).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const here = path.dirname(new URL(import.meta.url).pathname);
const configDir = path.join(here, "../../../lib/chain/nginx/config");
const NGINX = "/usr/sbin/nginx";
const base = fs.mkdtempSync("/tmp/ngx-probe-");

/** Where `name;` goes for each context of the model (lib/chain/nginx/config/directives.ts: Context). */
const PLACES = {
  main: (d) => `${d}\nevents {}\nhttp {}\n`,
  events: (d) => `events { ${d} }\nhttp {}\n`,
  http: (d) => `events {}\nhttp { ${d} }\n`,
  server: (d) => `events {}\nhttp { server { ${d} } }\n`,
  location: (d) => `events {}\nhttp { server { location / { ${d} } } }\n`,
  sif: (d) => `events {}\nhttp { server { if ($uri) { ${d} } } }\n`,
  lif: (d) => `events {}\nhttp { server { location / { if ($uri) { ${d} } } } }\n`,
  lmt: (d) => `events {}\nhttp { server { location / { limit_except GET { ${d} } } } }\n`,
  upstream: (d) => `events {}\nhttp { upstream u { server 127.0.0.1:9; ${d} } }\n`,
};

/** The first error line of `nginx -t` on this main config, without its time, "[emerg] pid#tid: " and " in file:line". */
function check(text) {
  fs.writeFileSync(`${base}/n.conf`, text);
  const out = spawnSync(NGINX, ["-t", "-q", "-p", base, "-c", `${base}/n.conf`, "-g", `pid ${base}/p; error_log ${base}/e.log;`], { encoding: "utf8" });
  const line = (out.stderr || "").split("\n").find((l) => l.includes("[emerg]")) ?? "";
  return line.replace(/^.*\[emerg\] (\d+#\d+: )?/, "").replace(/ in \/\S+:\d+$/, "");
}

// Every identifier-like word of the binary's strings (a name can sit right after other printable bytes).
const words = spawnSync("strings", ["-n", "2", NGINX], { encoding: "utf8", maxBuffer: 64 << 20 }).stdout.match(/[a-z][a-z0-9_]{1,40}/g);
// The linker shares a string with the tail of a longer one ("content_type" lives inside "sent_http_content_type"),
// so every part after an underscore is a candidate too.
const candidates = [...new Set(words.flatMap((w) => w.split("_").map((_, i, parts) => parts.slice(i).join("_")).filter((s) => /^[a-z]/.test(s))))].sort();
const directives = {};
const messages = {};
for (const name of candidates) {
  // nginx calls a name unknown only when no module has it, in whatever context.
  if (check(PLACES.http(`${name};`)).startsWith("unknown directive")) continue;
  const said = {};
  for (const [context, place] of Object.entries(PLACES)) said[context] = check(place(`${name};`));
  const contexts = Object.keys(PLACES).filter((c) => !said[c].endsWith("is not allowed here"));
  const block = Object.values(said).some((m) => m.includes('has no opening "{"'));
  const place = PLACES[contexts.includes("location") ? "location" : contexts[0]];
  const counts = [];
  let flag = false;
  for (let n = 0; n <= 8; n++) {
    const message = check(place(`${name}${" x".repeat(n)}${block ? " {}" : ";"}`));
    if (!message.startsWith("invalid number of arguments")) counts.push(n);
    if (n === 1 && message.includes('it must be "on" or "off"')) flag = true;
  }
  const from = (k) => counts.length === 9 - k && counts[0] === k;
  const args = flag && counts.length === 1 ? "flag" : from(0) ? "any" : from(1) ? "1more" : from(2) ? "2more" : counts;
  directives[name] = { contexts, args, ...(block ? { block: true } : {}) };
  messages[name] = said;
  process.stdout.write(".");
}

// A variable is nginx's own when `set $v $name;` is not "unknown "name" variable".
const PREFIXES = /^(http_|sent_http_|sent_trailer_|cookie_|arg_|upstream_http_|upstream_trailer_|upstream_cookie_)/;
const variables = candidates.filter((name) => !PREFIXES.test(name) && !check(PLACES.location(`set $v $${name};`)).startsWith(`unknown "${name}" variable`));
fs.rmSync(base, { recursive: true, force: true });

const version = spawnSync(NGINX, ["-v"], { encoding: "utf8" }).stderr.trim().replace(/^nginx version: /, "");
const header = { $comment: `Read off Debian 12's ${NGINX} (${version}) by tools/probe-real-directives.mjs; do not edit by hand.` };
fs.writeFileSync(path.join(configDir, "real-directives.json"), JSON.stringify({ ...header, directives }, null, 1) + "\n");
fs.writeFileSync(path.join(configDir, "real-directives.messages.json"), JSON.stringify({ ...header, messages }, null, 1) + "\n");
fs.writeFileSync(path.join(configDir, "real-variables.json"), JSON.stringify({ ...header, variables }, null, 1) + "\n");
console.log(`\n${Object.keys(directives).length} directives and ${variables.length} variables written`);
