// Differential testing helper (not part of the tests): writes mutants of the "-ok" fixtures (a character
// deleted or inserted, a line duplicated, deleted or swapped, a word inserted) as <outdir>/mutant-<seed>-<i>/nginx.conf.
// Typical use (in lib/chain/nginx/config): node ../../../../conformance/capture/nginx-config/mutants.mjs 4242 300 fixtures &&
//   ../../../../conformance/capture/nginx-config/regen-fixtures.sh $(cd fixtures && ls -d mutant-4242-*)
// then run the fixture test and keep the cases that taught something.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const [seedArg = "1", countArg = "100", outDir = "/tmp/nginx-mutants"] = process.argv.slice(2);
const fixtures = path.join(path.dirname(new URL(import.meta.url).pathname), "../../../lib/chain/nginx/config/fixtures");
const bases = readdirSync(fixtures)
  .filter((d) => d.endsWith("-ok") || d.startsWith("ok-"))
  .map((d) => readFileSync(path.join(fixtures, d, "nginx.conf"), "utf8"))
  .filter((t) => t.length > 20);
let seed = Number(seedArg);
const rnd = (n) => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const chars = ";{}\"'$#\\ ~*=^()/\nx0@:.-";
const words = ["location", "root", "alias", "listen", "proxy_pass", "return", "if", "set", "$uri", "$foo", "80", "/a", "~", "=", "{", "}", ";", "server_name", "try_files", "index"];
for (let i = 0; i < Number(countArg); i++) {
  let t = bases[rnd(bases.length)];
  for (let k = 1 + rnd(2); k > 0; k--) {
    const op = rnd(6);
    const p = rnd(t.length);
    const ls = t.split("\n");
    if (op === 0) t = t.slice(0, p) + t.slice(p + 1);
    else if (op === 1) t = t.slice(0, p) + chars[rnd(chars.length)] + t.slice(p);
    else if (op === 2) {
      ls.splice(rnd(ls.length), 0, ls[rnd(ls.length)]);
      t = ls.join("\n");
    } else if (op === 3) {
      ls.splice(rnd(ls.length), 1);
      t = ls.join("\n");
    } else if (op === 4) {
      const a = rnd(ls.length);
      const b = rnd(ls.length);
      [ls[a], ls[b]] = [ls[b], ls[a]];
      t = ls.join("\n");
    } else t = t.slice(0, p) + " " + words[rnd(words.length)] + " " + t.slice(p);
  }
  const dir = path.join(outDir, `mutant-${seedArg}-${i}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "nginx.conf"), t);
}
