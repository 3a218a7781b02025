/** For tests: a classroom database in a fresh temp file, removed by `cleanup`. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openClassroomDb, type ClassroomDb } from "./db.server";

export function tempClassroomDb(): { db: ClassroomDb; file: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "classroom-"));
  const file = path.join(dir, "classroom.sqlite");
  const db = openClassroomDb(file);
  return { db, file, cleanup: () => (db.close(), rmSync(dir, { recursive: true, force: true })) };
}
