// After `next build`: writes a gzip copy (file.gz, same modification time) beside each prerendered page, each
// page's prefetch segment and each built JS/CSS file, so that nginx sends those with `gzip_static on`
// (deploy/nginx/wsgi-journey.conf) instead of compressing the same bytes again for every student. Files under
// 1 KiB are left alone, as nginx's gzip_min_length.
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { constants, gzipSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "..");
const targets = [
  { dir: path.join(root, ".next/server/app"), ext: [".html", ".segment.rsc"] },
  { dir: path.join(root, ".next/static"), ext: [".js", ".css", ".svg"] },
];
const MIN_BYTES = 1024;

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile()) yield full;
  }
}

let count = 0;
let before = 0;
let after = 0;
for (const { dir, ext } of targets) {
  for (const file of files(dir)) {
    if (!ext.some((e) => file.endsWith(e))) continue;
    const data = readFileSync(file);
    if (data.length < MIN_BYTES) continue;
    const gz = gzipSync(data, { level: constants.Z_BEST_COMPRESSION });
    writeFileSync(file + ".gz", gz);
    const { atime, mtime } = statSync(file);
    utimesSync(file + ".gz", atime, mtime);
    count++;
    before += data.length;
    after += gz.length;
  }
}
console.log(`precompressed ${count} files: ${(before / 1024).toFixed(0)} KiB → ${(after / 1024).toFixed(0)} KiB gzip`);
