/**
 * What `nginx -t` finds on the modelled Debian 12 machine after the configuration parsed: the log files it
 * opens (as root, creating them) must be in directories that exist. Trees the course's scenarios may fill
 * (/srv, /var/www, /home, /tmp, /root) are taken to exist; elsewhere only Debian's own directories do.
 */

/** nginx's prefix (`--prefix=/usr/share/nginx`): relative log paths are resolved against it. */
export const NGINX_PREFIX = "/usr/share/nginx/";

const DIRECTORIES = new Set([
  "/", "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/media", "/mnt", "/opt", "/proc", "/proc/self", "/proc/self/fd",
  "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/usr/bin", "/usr/lib", "/usr/sbin", "/usr/share",
  "/usr/share/nginx", "/usr/share/nginx/html", "/var", "/var/cache", "/var/lib", "/var/lib/nginx", "/var/log",
  "/var/log/nginx", "/var/tmp", "/var/www", "/var/www/html", "/etc/nginx", "/etc/nginx/conf.d",
  "/etc/nginx/modules-available", "/etc/nginx/modules-enabled", "/etc/nginx/sites-available",
  "/etc/nginx/sites-enabled", "/etc/nginx/snippets",
]);

const OPEN_TREES = ["/srv/", "/var/www/", "/home/", "/tmp/", "/root/"];

export function absoluteLogPath(path: string): string {
  return path.startsWith("/") ? path : NGINX_PREFIX + path;
}

function normalize(path: string): string {
  const parts: string[] = [];
  for (const p of path.split("/")) {
    if (p === "" || p === ".") continue;
    if (p === "..") parts.pop();
    else parts.push(p);
  }
  return "/" + parts.join("/");
}

/** Why opening `path` for appending fails, in nginx's words (`open() "…" failed (…)`), or null when it works. */
export function openLogFailure(path: string): string | null {
  const abs = normalize(absoluteLogPath(path));
  if (DIRECTORIES.has(abs)) return `open() "${path}" failed (21: Is a directory)`;
  const dir = abs.slice(0, abs.lastIndexOf("/")) || "/";
  if (DIRECTORIES.has(dir) || OPEN_TREES.some((t) => abs.startsWith(t))) return null;
  return `open() "${absoluteLogPath(path)}" failed (2: No such file or directory)`;
}
