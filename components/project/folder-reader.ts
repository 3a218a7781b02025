/**
 * Reading a project folder in the browser: from `<input type="file" webkitdirectory>` (a FileList whose files carry
 * webkitRelativePath) or from a drop (DataTransferItem.webkitGetAsEntry, walked without descending into the
 * folders we leave out, so a virtualenv's thousands of files are never listed). The files never leave the browser
 * except in the chain requests that carry them.
 */
import { bodyProblem, encodeContent, ignoredReason, sizeProblems, stripTopFolder, type FileContent } from "./project-files";

export interface FoundFile {
  path: string;
  file: Blob;
}

export interface ProjectRead {
  /** Kept files by path relative to the folder, with their size. */
  listed: Array<{ path: string; size: number; binary: boolean }>;
  ignored: Array<{ path: string; reason: string }>;
  /** Korean messages naming the files over the API's bounds; nothing is sent while there are any. */
  problems: string[];
  files: Record<string, FileContent>;
  /** Set when the files are one of the course's example projects (its scenario name), not a chosen folder. */
  example?: string;
}

/** Entries walked at most in one drop (a folder with more is most likely the wrong one). */
const MAX_WALK = 5000;

export function filesFromInput(list: FileList | File[]): FoundFile[] {
  return Array.from(list, (file) => ({ path: (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name, file }));
}

export async function filesFromDrop(items: DataTransferItemList): Promise<{ found: FoundFile[]; skippedDirs: string[] }> {
  const found: FoundFile[] = [];
  const skippedDirs: string[] = [];
  let walked = 0;
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    if (++walked > MAX_WALK) return;
    const path = prefix + entry.name;
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
      found.push({ path, file });
      return;
    }
    if (ignoredReason(path + "/x") !== null) {
      skippedDirs.push(path + "/");
      return;
    }
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
      if (batch.length === 0) break;
      for (const child of batch) await walk(child, path + "/");
    }
  };
  const entries = Array.from(items, (item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  for (const entry of entries) await walk(entry, "");
  return { found, skippedDirs };
}

/** The folder's files sorted out, checked against the bounds, and read (only when within them). */
export async function readProject(found: FoundFile[], skippedDirs: string[] = []): Promise<ProjectRead> {
  const paths = stripTopFolder(found.map((f) => f.path));
  const topFolder = found.length > 0 && paths[0] !== found[0].path ? found[0].path.slice(0, found[0].path.length - paths[0].length) : "";
  const ignored = skippedDirs.map((d) => ({ path: d.slice(topFolder.length) || d, reason: ignoredReason(d + "x") ?? "디렉터리" }));
  const kept: Array<{ path: string; file: Blob }> = [];
  found.forEach((f, i) => {
    const reason = ignoredReason(paths[i]);
    if (reason) ignored.push({ path: paths[i], reason });
    else kept.push({ path: paths[i], file: f.file });
  });
  kept.sort((a, b) => a.path.localeCompare(b.path));
  const problems = sizeProblems(kept.map((k) => ({ path: k.path, size: k.file.size })));
  const files: Record<string, FileContent> = {};
  const listed: ProjectRead["listed"] = [];
  if (problems.length === 0) {
    for (const k of kept) {
      const content = encodeContent(new Uint8Array(await k.file.arrayBuffer()));
      files[k.path] = content;
      listed.push({ path: k.path, size: k.file.size, binary: typeof content !== "string" });
    }
    const tooBig = bodyProblem(files);
    if (tooBig) problems.push(tooBig);
  } else {
    for (const k of kept) listed.push({ path: k.path, size: k.file.size, binary: false });
  }
  return { listed, ignored, problems, files: problems.length === 0 ? files : {} };
}
