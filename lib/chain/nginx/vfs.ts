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
  /**
   * Paths relative to `at`, `/`-separated, as Unicode text (encoded as UTF-8 on the virtual disk). The map must not
   * change after it is mounted: the disk built from it is kept and reused for the same map (see `diskOf`).
   */
  files: ReadonlyMap<string, Uint8Array>;
  mtimeMs: number;
}

/** The disk's index: files and folders by their clean latin-1 path. Never changed once built. */
interface Disk {
  files: Map<string, { data: Uint8Array; mtimeMs: number }>;
  dirs: Map<string, { mtimeMs: number; children: Set<string> }>;
}

/** Does `path` already look like clean() makes it: `/`, or `/`-led segments none of them empty or `.`? */
function isClean(path: string): boolean {
  if (path.length === 0 || path.charCodeAt(0) !== 0x2f) return false;
  if (path.length === 1) return true;
  let segmentStart = 1;
  for (let i = 1; i <= path.length; i++) {
    if (i < path.length && path.charCodeAt(i) !== 0x2f) continue;
    const length = i - segmentStart;
    if (length === 0 || (length === 1 && path.charCodeAt(segmentStart) === 0x2e)) return false;
    segmentStart = i + 1;
  }
  return true;
}

function clean(path: string): string {
  // Most paths nginx asks for are already clean; skip the split/join for them.
  if (isClean(path)) return path;
  const parts = path.split("/").filter((p) => p.length > 0 && p !== ".");
  return "/" + parts.join("/");
}

function buildDisk(mounts: ReadonlyArray<VfsMount>): Disk {
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
  return { files, dirs };
}

/** A disk built from one mount, kept with what it was built from. */
interface BuiltDisk {
  at: string;
  mtimeMs: number;
  disk: Disk;
}

/** Built disks by files map: a few per map (one scenario has one deploy root), the oldest dropped past the bound. */
const disks = new WeakMap<ReadonlyMap<string, Uint8Array>, BuiltDisk[]>();
const DISKS_PER_FILES_MAP = 8;

/**
 * The disk of a single mount, built once per (files map, folder, mtime): a class sends requests against the same
 * unedited scenario files again and again, and the map (like the disk) never changes.
 */
function diskOf(mount: VfsMount): Disk {
  let built = disks.get(mount.files);
  if (!built) {
    built = [];
    disks.set(mount.files, built);
  }
  for (const entry of built) if (entry.at === mount.at && entry.mtimeMs === mount.mtimeMs) return entry.disk;
  const disk = buildDisk([mount]);
  if (built.length >= DISKS_PER_FILES_MAP) built.shift();
  built.push({ at: mount.at, mtimeMs: mount.mtimeMs, disk });
  return disk;
}

export function createVirtualFs(mounts: ReadonlyArray<VfsMount>): VirtualFs {
  const { files, dirs } = mounts.length === 1 ? diskOf(mounts[0]!) : buildDisk(mounts);
  return {
    stat(path) {
      // The index's keys are clean paths: one found as it is needs no cleaning (the usual case).
      const f = files.get(path) ?? files.get(clean(path));
      if (f) return { type: "file", size: f.data.length, mtimeMs: f.mtimeMs };
      const d = dirs.get(clean(path));
      if (d) return { type: "dir", size: 4096, mtimeMs: d.mtimeMs };
      return null;
    },
    read(path) {
      return (files.get(path) ?? files.get(clean(path)))?.data ?? null;
    },
    list(dir) {
      const d = dirs.get(clean(dir));
      return d ? [...d.children].sort() : [];
    },
  };
}
