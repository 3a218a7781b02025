/**
 * The virtual disk nginx serves static files from. Nothing here touches the real file system.
 *
 * A mount puts a map of relative paths (`static/style.css`) under an absolute folder (`/srv/hello_cju/`).
 * Directories exist implicitly: every parent folder of a file, the mount folder and its parents, and `/`.
 * Paths are latin-1 byte strings (what nginx passes to open()), so a UTF-8 file name is matched byte for byte.
 */
import { utf8ToLatin1 } from "../http/bytes";

export interface VfsStat {
  type: "file" | "dir";
  size: number;
  mtimeMs: number;
}

export interface VirtualFs {
  /** `path` is absolute; a trailing slash is ignored. */
  stat(path: string): VfsStat | null;
  read(path: string): Uint8Array | null;
  /** Entry names (files and folders) directly inside `dir`, sorted; [] when `dir` is not a folder. */
  list(dir: string): string[];
}

export interface VfsMount {
  /** Absolute folder, e.g. `/srv/hello_cju/`. */
  at: string;
  /** Paths relative to `at`, `/`-separated, as Unicode text (encoded as UTF-8 on the virtual disk). */
  files: ReadonlyMap<string, Uint8Array>;
  mtimeMs: number;
}

function clean(path: string): string {
  const parts = path.split("/").filter((p) => p.length > 0 && p !== ".");
  return "/" + parts.join("/");
}

export function createVirtualFs(mounts: ReadonlyArray<VfsMount>): VirtualFs {
  const files = new Map<string, { data: Uint8Array; mtimeMs: number }>();
  const dirs = new Map<string, { mtimeMs: number; children: Set<string> }>();
  const addDir = (dir: string, mtimeMs: number) => {
    if (!dirs.has(dir)) dirs.set(dir, { mtimeMs, children: new Set() });
  };
  const link = (path: string, mtimeMs: number) => {
    // Register every ancestor folder and the child name in its parent.
    let current = path;
    for (let guard = 0; guard < 256 && current !== "/"; guard++) {
      const slash = current.lastIndexOf("/");
      const parent = slash <= 0 ? "/" : current.slice(0, slash);
      addDir(parent, mtimeMs);
      dirs.get(parent)!.children.add(current.slice(slash + 1));
      current = parent;
    }
  };
  addDir("/", 0);
  for (const mount of mounts) {
    const root = clean(utf8ToLatin1(mount.at));
    addDir(root, mount.mtimeMs);
    if (root !== "/") link(root, mount.mtimeMs);
    for (const [rel, data] of mount.files) {
      const path = clean(root + "/" + utf8ToLatin1(rel));
      if (path === root) continue;
      files.set(path, { data, mtimeMs: mount.mtimeMs });
      link(path, mount.mtimeMs);
    }
  }
  return {
    stat(path) {
      const p = clean(path);
      const f = files.get(p);
      if (f) return { type: "file", size: f.data.length, mtimeMs: f.mtimeMs };
      const d = dirs.get(p);
      if (d) return { type: "dir", size: 4096, mtimeMs: d.mtimeMs };
      return null;
    },
    read(path) {
      return files.get(clean(path))?.data ?? null;
    },
    list(dir) {
      const d = dirs.get(clean(dir));
      return d ? [...d.children].sort() : [];
    },
  };
}
