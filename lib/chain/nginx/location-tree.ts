/**
 * nginx's static location tree (ngx_http_init_static_location_trees and ngx_http_core_find_static_location),
 * rebuilt step by step so the model visits the same nodes in the same order as the real nginx, and prints
 * the same debug lines (`test location: "/static/"`, names relative to the parent node).
 *
 *  1. sort a level's locations (ngx_http_cmp_locations): plain ones by name with `/` as the lowest byte,
 *     an exact `=` one before a prefix one of the same name, then regexes in config order;
 *  2. join an exact and a prefix location of the same name into one node;
 *  3. move every location whose name starts with a prefix location's name into that location's list;
 *  4. build a binary tree: the middle item is the node, items before go left, after go right, its list
 *     becomes its `tree` with the common prefix cut off.
 */
import type { LocationConf } from "./conf";
import { latin1ToUtf8 } from "../http/bytes";

export interface TreeNode {
  /** The name part this node compares, relative to its parent prefix (bytes as a latin-1 string). */
  name: string;
  /** nginx's debug line for a visit of this node, as text (the bytes UTF-8 decoded): `test location: "static/"`. */
  line: string;
  exact: LocationConf | null;
  inclusive: LocationConf | null;
  autoRedirect: boolean;
  left: TreeNode | null;
  right: TreeNode | null;
  tree: TreeNode | null;
}

interface Item {
  name: string;
  exact: LocationConf | null;
  inclusive: LocationConf | null;
  list: Item[];
}

/** ngx_filename_cmp over `n` bytes: `/` sorts below every other byte; a shorter string (NUL) sorts first. */
export function filenameCmp(a: string, b: string, n: number): number {
  for (let i = 0; i < n; i++) {
    const c1 = i < a.length ? a.charCodeAt(i) : 0;
    const c2 = i < b.length ? b.charCodeAt(i) : 0;
    if (c1 === c2) {
      if (c1 === 0) return 0;
      continue;
    }
    if (c1 === 0 || c2 === 0) return c1 - c2;
    return (c1 === 0x2f ? 0 : c1) - (c2 === 0x2f ? 0 : c2);
  }
  return 0;
}

const PASS = ["proxy_pass", "uwsgi_pass", "fastcgi_pass", "scgi_pass", "grpc_pass", "memcached_pass"];

/** auto_redirect: set by the *_pass handlers when the location's name ends with `/`. */
function autoRedirects(loc: LocationConf | null): boolean {
  return loc !== null && loc.name.endsWith("/") && loc.directives.some((d) => PASS.includes(d.name));
}

/** Step 1–3: sorted, joined, nested lists. */
function prepare(locs: LocationConf[]): Item[] {
  const statics = locs.filter((l) => l.modifier === "" || l.modifier === "=" || l.modifier === "^~");
  // Insertion sort like ngx_queue_sort (stable).
  const sorted: LocationConf[] = [];
  for (const loc of statics) {
    let i = sorted.length;
    while (i > 0 && cmpLocations(sorted[i - 1]!, loc) > 0) i--;
    sorted.splice(i, 0, loc);
  }
  const items: Item[] = [];
  for (const loc of sorted) {
    const last = items[items.length - 1];
    const exact = loc.modifier === "=";
    if (last && last.name === loc.name && (exact ? !last.exact : !last.inclusive)) {
      if (exact) last.exact = loc;
      else last.inclusive = loc;
      continue;
    }
    items.push({ name: loc.name, exact: exact ? loc : null, inclusive: exact ? null : loc, list: [] });
  }
  return createList(items);
}

function cmpLocations(a: LocationConf, b: LocationConf): number {
  const rc = filenameCmp(a.name, b.name, Math.min(a.name.length, b.name.length) + 1);
  if (rc === 0 && a.modifier !== "=" && b.modifier === "=") return 1;
  return rc;
}

/** ngx_http_create_locations_list, iteratively over one level then recursively into lists. */
function createList(items: Item[]): Item[] {
  const out: Item[] = [];
  let i = 0;
  while (i < items.length) {
    const item = items[i]!;
    let j = i + 1;
    if (item.inclusive) {
      while (j < items.length) {
        const other = items[j]!;
        if (item.name.length > other.name.length || filenameCmp(item.name, other.name, item.name.length) !== 0) break;
        j++;
      }
      if (j > i + 1) item.list = createList(items.slice(i + 1, j));
    }
    out.push(item);
    i = item.inclusive ? j : i + 1;
  }
  return out;
}

/** ngx_queue_middle: index ⌊n/2⌋. */
function buildTree(items: Item[], prefix: number, depth = 0): TreeNode | null {
  if (items.length === 0 || depth > 64) return null;
  const mid = Math.floor(items.length / 2);
  const item = items[mid]!;
  const name = item.name.slice(prefix);
  return {
    name,
    line: `test location: "${latin1ToUtf8(name)}"`,
    exact: item.exact,
    inclusive: item.inclusive,
    autoRedirect: autoRedirects(item.exact) || autoRedirects(item.inclusive),
    left: buildTree(items.slice(0, mid), prefix, depth + 1),
    right: buildTree(items.slice(mid + 1), prefix, depth + 1),
    tree: buildTree(item.list, item.name.length, depth + 1),
  };
}

const cache = new WeakMap<LocationConf[], TreeNode | null>();

/** The static tree of one level (server{} or a location's nested locations), built once. */
export function staticTree(locs: LocationConf[]): TreeNode | null {
  if (!cache.has(locs)) cache.set(locs, buildTree(prepare(locs), 0));
  return cache.get(locs) ?? null;
}

export interface TreeVisit {
  /** nginx's debug text for the node: `test location: "static/"`. */
  line: string;
  node: TreeNode;
  /** cmp === 0 and the node's location applies (a prefix candidate or the exact match). */
  matched: boolean;
  /** What happened, for the Korean note. */
  step: "left" | "right" | "prefix" | "exact" | "redirect" | "prefix-end" | "exact-only-right";
}

export type StaticResult =
  | { rc: "declined"; location: null }
  | { rc: "again"; location: LocationConf }
  | { rc: "ok"; location: LocationConf }
  | { rc: "done"; location: LocationConf };

/** ngx_http_core_find_static_location, recording each visited node. */
export function findStatic(root: TreeNode | null, uri: string, visits: TreeVisit[]): StaticResult {
  let node = root;
  let rest = uri;
  let result: StaticResult = { rc: "declined", location: null };
  for (let guard = 0; guard < 4096 && node; guard++) {
    const n = Math.min(rest.length, node.name.length);
    const rc = filenameCmp(rest, node.name, n);
    const line = node.line;
    if (rc !== 0) {
      visits.push({ line, node, matched: false, step: rc < 0 ? "left" : "right" });
      node = rc < 0 ? node.left : node.right;
      continue;
    }
    if (rest.length > node.name.length) {
      if (node.inclusive) {
        visits.push({ line, node, matched: true, step: "prefix" });
        result = { rc: "again", location: node.inclusive };
        rest = rest.slice(n);
        node = node.tree;
        continue;
      }
      visits.push({ line, node, matched: false, step: "exact-only-right" });
      node = node.right;
      continue;
    }
    if (rest.length === node.name.length) {
      if (node.exact) {
        visits.push({ line, node, matched: true, step: "exact" });
        return { rc: "ok", location: node.exact };
      }
      visits.push({ line, node, matched: true, step: "prefix-end" });
      return { rc: "again", location: node.inclusive! };
    }
    if (rest.length + 1 === node.name.length && node.autoRedirect) {
      visits.push({ line, node, matched: true, step: "redirect" });
      result = { rc: "done", location: (node.exact ?? node.inclusive)! };
    } else {
      visits.push({ line, node, matched: false, step: "left" });
    }
    node = node.left;
  }
  return result;
}
