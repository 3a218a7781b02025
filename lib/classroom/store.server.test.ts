import { afterEach, beforeEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { openClassroomDb } from "./db.server";
import { MIGRATIONS } from "./migrations";
import { ClassroomStore } from "./store.server";
import { tempClassroomDb } from "./testing";
import { CLASSROOM_LIMITS } from "./input";

let temp: ReturnType<typeof tempClassroomDb>;
let now = 1_000_000;
let store: ClassroomStore;

beforeEach(() => {
  temp = tempClassroomDb();
  store = new ClassroomStore(temp.db, () => now);
});
afterEach(() => temp.cleanup());

function newClass(title = "웹 서버 1반") {
  const made = store.createClass(title);
  if (!made.ok) throw new Error(made.error);
  return made;
}
function joined(code: string, nickname: string) {
  const result = store.join(code, nickname);
  if (!result.ok) throw new Error(result.error);
  return result;
}

describe("migrations", () => {
  it("bring a new file to the latest schema once, and a reopened file is left alone", () => {
    expect(temp.db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    newClass();
    temp.db.close();
    const again = openClassroomDb(temp.file);
    expect(again.prepare("SELECT count(*) FROM classes").pluck().get()).toBe(1);
    again.close();
    temp.db = openClassroomDb(temp.file);
  });

  it("refuse a file from a newer release", () => {
    temp.db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    temp.db.close();
    expect(() => openClassroomDb(temp.file)).toThrow(/newer than this release/);
    const raw = new Database(temp.file);
    raw.pragma(`user_version = ${MIGRATIONS.length}`);
    raw.close();
    temp.db = openClassroomDb(temp.file);
  });
});

describe("instructor secret", () => {
  it("opens the class only with its own secret", () => {
    const a = newClass();
    const b = newClass("2반");
    expect(store.instructorClass(a.code, a.secret)?.id).toBe(a.classId);
    expect(store.instructorClass(a.code.toLowerCase(), a.secret)?.id).toBe(a.classId);
    expect(store.instructorClass(a.code, b.secret)).toBeNull();
    expect(store.instructorClass("ZZZZZZ", a.secret)).toBeNull();
    // Only a hash is stored.
    const stored = temp.db.prepare("SELECT secret_hash FROM classes WHERE id = ?").pluck().get(a.classId) as Buffer;
    expect(stored.toString("utf8")).not.toContain(a.secret);
  });
});

describe("joining", () => {
  it("gives each student a token that finds them, and refuses a taken nickname or an unknown code", () => {
    const { code, classId } = newClass();
    const kim = joined(code, "다람쥐");
    expect(store.studentByToken(kim.token)).toEqual({ id: kim.student.id, classId, nickname: "다람쥐" });
    expect(store.join(code, "다람쥐")).toEqual({ ok: false, error: "nickname-taken" });
    expect(store.join("AAAAAA", "너구리")).toEqual({ ok: false, error: "no-class" });
    expect(store.studentByToken("not-a-token-at-all-xxxxxxxx")).toBeNull();
  });

  it("stops at the class size", () => {
    const { code } = newClass();
    for (let i = 0; i < CLASSROOM_LIMITS.studentsPerClass; i++) joined(code, `s${i}`);
    expect(store.join(code, "one-more")).toEqual({ ok: false, error: "class-full" });
  });
});

describe("the dashboard", () => {
  it("counts lessons started and finished, answers per question, challenges solved and stuck", () => {
    const { code, classId } = newClass();
    const a = joined(code, "a").student;
    const b = joined(code, "b").student;
    const c = joined(code, "c").student;
    store.report(a, [
      { kind: "lesson", slug: "intro/welcome", state: "started" },
      { kind: "lesson", slug: "intro/welcome", state: "finished" },
      { kind: "answer", slug: "intro/welcome", question: "quiz:q#0", answer: "200", correct: true },
      { kind: "challenge", slug: "intro/welcome", challenge: "challenge:fix", solved: false },
      { kind: "challenge", slug: "intro/welcome", challenge: "challenge:fix", solved: true },
    ]);
    store.report(b, [
      { kind: "lesson", slug: "intro/welcome", state: "started" },
      { kind: "answer", slug: "intro/welcome", question: "quiz:q#0", answer: "404", correct: false },
      { kind: "challenge", slug: "intro/welcome", challenge: "challenge:fix", solved: false },
      { kind: "challenge", slug: "intro/welcome", challenge: "challenge:fix", solved: false },
    ]);
    store.report(c, [{ kind: "answer", slug: "intro/welcome", question: "quiz:q#0", answer: "404", correct: false }]);
    // A student changing their answer counts once, with the new answer.
    store.report(c, [{ kind: "answer", slug: "intro/welcome", question: "quiz:q#0", answer: "200", correct: true }]);

    const dash = store.dashboard(classId);
    expect(dash.students).toEqual(["a", "b", "c"]);
    expect(dash.lessons).toEqual([{ slug: "intro/welcome", started: 2, finished: 1 }]);
    expect(dash.questions).toEqual([
      { slug: "intro/welcome", question: "quiz:q#0", answers: [{ answer: "200", correct: true, count: 2 }, { answer: "404", correct: false, count: 1 }] },
    ]);
    expect(dash.challenges).toEqual([{ slug: "intro/welcome", challenge: "challenge:fix", solved: 1, stuck: 1, attempts: 4 }]);
  });

  it("keeps classes apart", () => {
    const one = newClass();
    const two = newClass("2반");
    store.report(joined(one.code, "a").student, [{ kind: "lesson", slug: "x/y", state: "started" }]);
    expect(store.dashboard(two.classId).lessons).toEqual([]);
    expect(store.dashboard(one.classId).lessons).toHaveLength(1);
  });

  it("moves the version on every write, so the live streams send again", () => {
    const { code, classId } = newClass();
    const before = store.version(classId)!;
    store.report(joined(code, "a").student, [{ kind: "lesson", slug: "x/y", state: "started" }]);
    expect(store.version(classId)!).toBeGreaterThan(before);
  });

  it("bounds the rows one student can add", () => {
    const { code, classId } = newClass();
    const a = joined(code, "a").student;
    temp.db.prepare("UPDATE students SET items = ? WHERE id = ?").run(CLASSROOM_LIMITS.itemsPerStudent, a.id);
    expect(store.report(a, [{ kind: "answer", slug: "x/y", question: "quiz:new#0", answer: "1", correct: true }])).toBe(0);
    expect(store.dashboard(classId).questions).toEqual([]);
  });
});

describe("the class Predict", () => {
  const predict = { slug: "intro/welcome", predict: "status", question: "상태 코드는?", choices: ["200", "404", "502"] };

  it("counts answers to the open round live for the instructor, and shows students only their own until the reveal", () => {
    const { code, classId } = newClass();
    const a = joined(code, "a").student;
    const b = joined(code, "b").student;
    store.openPredict(classId, predict);
    const round = store.dashboard(classId).predict!.round;
    store.report(a, [{ kind: "class-predict", round, answer: "404" }]);
    store.report(b, [{ kind: "class-predict", round, answer: "404" }]);
    store.report(b, [{ kind: "class-predict", round, answer: "200" }]);
    expect(store.dashboard(classId).predict).toMatchObject({ round, revealed: false, counts: [1, 1, 0] });
    expect(store.followState(classId, a.id).predict).toMatchObject({ round, mine: "404", counts: null, revealed: false });

    store.revealPredict(classId);
    expect(store.followState(classId, a.id).predict).toMatchObject({ revealed: true, counts: [1, 1, 0] });
    // After the reveal, answers no longer change.
    expect(store.report(a, [{ kind: "class-predict", round, answer: "502" }])).toBe(0);
    // Not a choice, or an old round: ignored.
    store.openPredict(classId, predict);
    expect(store.report(a, [{ kind: "class-predict", round, answer: "502" }])).toBe(0);
    expect(store.report(a, [{ kind: "class-predict", round: round + 1, answer: "999" }])).toBe(0);
    expect(store.dashboard(classId).predict!.counts).toEqual([0, 0, 0]);
    store.closePredict(classId);
    expect(store.dashboard(classId).predict).toBeNull();
  });
});

describe("follow me", () => {
  it("tells students where the instructor is", () => {
    const { code, classId } = newClass();
    const a = joined(code, "a").student;
    store.setFollow(classId, "nginx/location", "prefix-match");
    expect(store.followState(classId, a.id)).toMatchObject({ lesson: "nginx/location", section: "prefix-match" });
  });
});

describe("deleting and retention", () => {
  it("deleting a class removes its students and everything they reported", () => {
    const { code, classId } = newClass();
    const a = joined(code, "a");
    store.report(a.student, [
      { kind: "lesson", slug: "x/y", state: "started" },
      { kind: "answer", slug: "x/y", question: "quiz:q#0", answer: "1", correct: true },
      { kind: "challenge", slug: "x/y", challenge: "challenge:c", solved: false },
    ]);
    store.deleteClass(classId);
    for (const table of ["classes", "students", "lessons", "answers", "challenges", "predict_answers"]) {
      expect(temp.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
    expect(store.studentByToken(a.token)).toBeNull();
    expect(store.version(classId)).toBeNull();
  });

  it("prunes classes unused for the retention period, and keeps active ones", () => {
    const old = newClass("old");
    now += 40 * 24 * 3600 * 1000;
    const fresh = newClass("fresh");
    expect(store.pruneInactive(30)).toBe(1);
    expect(store.version(old.classId)).toBeNull();
    expect(store.version(fresh.classId)).not.toBeNull();
  });
});
