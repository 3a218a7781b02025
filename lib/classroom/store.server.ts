/**
 * The classroom's data: classes, the students who joined one (a nickname and a token, nothing personal), and what
 * their browsers reported. Every write to a class bumps its `version`, which the live streams (hub.server.ts)
 * watch. Inputs arrive already validated (input.ts); the store still bounds what one student can add.
 */
import type { ClassroomDb } from "./db.server";
import { CLASSROOM_LIMITS, type ClassPredict, type StudentEvent } from "./input";
import { hashSecret, newClassCode, newSecret, normalizeCode, secretMatches } from "./secrets";
import type { Dashboard, FollowState } from "./views";

export interface ClassRow {
  id: number;
  code: string;
  title: string;
}

export interface StudentRow {
  id: number;
  classId: number;
  nickname: string;
}

export type JoinResult =
  | { ok: true; token: string; student: StudentRow; title: string }
  | { ok: false; error: "no-class" | "nickname-taken" | "class-full" };

const DAY_MS = 24 * 60 * 60 * 1000;

export class ClassroomStore {
  readonly #db: ClassroomDb;
  readonly #now: () => number;
  readonly #q;

  constructor(db: ClassroomDb, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
    this.#q = {
      insertClass: db.prepare("INSERT INTO classes (code, title, secret_hash, created_at, active_at) VALUES (?, ?, ?, ?, ?)"),
      countClasses: db.prepare("SELECT count(*) AS n FROM classes").pluck(),
      classByCode: db.prepare("SELECT id, code, title, secret_hash AS secretHash FROM classes WHERE code = ?"),
      deleteClass: db.prepare("DELETE FROM classes WHERE id = ?"),
      touch: db.prepare("UPDATE classes SET version = version + 1, active_at = ? WHERE id = ?"),
      version: db.prepare("SELECT version FROM classes WHERE id = ?").pluck(),
      countStudents: db.prepare("SELECT count(*) FROM students WHERE class_id = ?").pluck(),
      insertStudent: db.prepare("INSERT OR IGNORE INTO students (class_id, token_hash, nickname, joined_at) VALUES (?, ?, ?, ?)"),
      studentByToken: db.prepare("SELECT id, class_id AS classId, nickname, items FROM students WHERE token_hash = ?"),
      items: db.prepare("SELECT items FROM students WHERE id = ?").pluck(),
      addItem: db.prepare("UPDATE students SET items = items + 1 WHERE id = ?"),
      startLesson: db.prepare("INSERT OR IGNORE INTO lessons (student_id, class_id, slug, started_at) VALUES (?, ?, ?, ?)"),
      finishLesson: db.prepare("UPDATE lessons SET finished_at = coalesce(finished_at, ?) WHERE student_id = ? AND slug = ?"),
      answer: db.prepare(
        `INSERT INTO answers (student_id, class_id, slug, question, answer, correct, at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (student_id, question) DO UPDATE SET answer = excluded.answer, correct = excluded.correct, at = excluded.at`,
      ),
      hasAnswer: db.prepare("SELECT 1 FROM answers WHERE student_id = ? AND question = ?").pluck(),
      challenge: db.prepare(
        `INSERT INTO challenges (student_id, class_id, slug, challenge, attempts, solved_at) VALUES (?, ?, ?, ?, 1, ?)
         ON CONFLICT (student_id, challenge) DO UPDATE SET attempts = attempts + 1, solved_at = coalesce(solved_at, excluded.solved_at)`,
      ),
      hasChallenge: db.prepare("SELECT 1 FROM challenges WHERE student_id = ? AND challenge = ?").pluck(),
      predictState: db.prepare("SELECT predict_round AS round, predict_json AS json, predict_revealed AS revealed FROM classes WHERE id = ?"),
      predictAnswer: db.prepare(
        `INSERT INTO predict_answers (class_id, round, student_id, answer) VALUES (?, ?, ?, ?)
         ON CONFLICT (class_id, round, student_id) DO UPDATE SET answer = excluded.answer`,
      ),
      predictCounts: db.prepare("SELECT answer, count(*) AS n FROM predict_answers WHERE class_id = ? AND round = ? GROUP BY answer"),
      ownPredict: db.prepare("SELECT answer FROM predict_answers WHERE class_id = ? AND round = ? AND student_id = ?").pluck(),
      openPredict: db.prepare("UPDATE classes SET predict_round = predict_round + 1, predict_json = ?, predict_revealed = 0 WHERE id = ?"),
      revealPredict: db.prepare("UPDATE classes SET predict_revealed = 1 WHERE id = ? AND predict_json IS NOT NULL"),
      closePredict: db.prepare("UPDATE classes SET predict_json = NULL, predict_revealed = 0 WHERE id = ?"),
      follow: db.prepare("UPDATE classes SET follow_lesson = ?, follow_section = ? WHERE id = ?"),
      followState: db.prepare("SELECT follow_lesson AS lesson, follow_section AS section FROM classes WHERE id = ?"),
      lessonCounts: db.prepare("SELECT slug, count(*) AS started, count(finished_at) AS finished FROM lessons WHERE class_id = ? GROUP BY slug ORDER BY slug"),
      answerCounts: db.prepare(
        "SELECT slug, question, answer, max(correct) AS correct, count(*) AS n FROM answers WHERE class_id = ? GROUP BY question, answer ORDER BY slug, question, n DESC, answer",
      ),
      challengeCounts: db.prepare(
        `SELECT slug, challenge, count(solved_at) AS solved, sum(solved_at IS NULL) AS stuck, sum(attempts) AS attempts
         FROM challenges WHERE class_id = ? GROUP BY challenge ORDER BY slug, challenge`,
      ),
      nicknames: db.prepare("SELECT nickname FROM students WHERE class_id = ? ORDER BY joined_at, id").pluck(),
      prune: db.prepare("DELETE FROM classes WHERE active_at < ?"),
    };
  }

  /** A new class: its code for the students and the secret of the instructor's link (kept only as a hash). */
  createClass(title: string): { ok: true; code: string; secret: string; classId: number } | { ok: false; error: "too-many-classes" } {
    if ((this.#q.countClasses.get() as number) >= CLASSROOM_LIMITS.classes) return { ok: false, error: "too-many-classes" };
    const secret = newSecret();
    const now = this.#now();
    for (;;) {
      const code = newClassCode();
      try {
        const { lastInsertRowid } = this.#q.insertClass.run(code, title, hashSecret(secret), now, now);
        return { ok: true, code, secret, classId: Number(lastInsertRowid) };
      } catch (error) {
        if (!String((error as Error).message).includes("UNIQUE")) throw error;
      }
    }
  }

  /** The class when `secret` is its instructor's; null otherwise (unknown code or wrong secret alike). */
  instructorClass(code: string, secret: string): ClassRow | null {
    const row = this.#q.classByCode.get(normalizeCode(code)) as (ClassRow & { secretHash: Buffer }) | undefined;
    // A made-up hash for an unknown code: the answer takes as long either way.
    const matches = secretMatches(secret, row?.secretHash ?? Buffer.alloc(32));
    return row && matches ? { id: row.id, code: row.code, title: row.title } : null;
  }

  /** Deletes the class and everything its students reported. */
  deleteClass(classId: number): void {
    this.#q.deleteClass.run(classId);
  }

  join(codeText: string, nickname: string): JoinResult {
    const row = this.#q.classByCode.get(normalizeCode(codeText)) as ClassRow | undefined;
    if (!row) return { ok: false, error: "no-class" };
    if ((this.#q.countStudents.get(row.id) as number) >= CLASSROOM_LIMITS.studentsPerClass) return { ok: false, error: "class-full" };
    const token = newSecret();
    const { changes, lastInsertRowid } = this.#q.insertStudent.run(row.id, hashSecret(token), nickname, this.#now());
    if (changes === 0) return { ok: false, error: "nickname-taken" };
    this.#touch(row.id);
    return { ok: true, token, title: row.title, student: { id: Number(lastInsertRowid), classId: row.id, nickname } };
  }

  studentByToken(token: string): StudentRow | null {
    const row = this.#q.studentByToken.get(hashSecret(token)) as StudentRow | undefined;
    return row ? { id: row.id, classId: row.classId, nickname: row.nickname } : null;
  }

  /** Stores a student's events in one transaction; returns how many were kept (past the bound, new rows are not). */
  report(student: StudentRow, events: readonly StudentEvent[]): number {
    return this.#db.transaction(() => {
      let kept = 0;
      let items = (this.#q.items.get(student.id) as number | undefined) ?? 0;
      const room = () => items < CLASSROOM_LIMITS.itemsPerStudent;
      const grow = () => {
        items++;
        this.#q.addItem.run(student.id);
      };
      const now = this.#now();
      for (const event of events) {
        if (event.kind === "lesson") {
          if (room() && this.#q.startLesson.run(student.id, student.classId, event.slug, now).changes) grow();
          if (event.state === "finished") this.#q.finishLesson.run(now, student.id, event.slug);
        } else if (event.kind === "answer") {
          const exists = this.#q.hasAnswer.get(student.id, event.question) !== undefined;
          if (!exists && !room()) continue;
          this.#q.answer.run(student.id, student.classId, event.slug, event.question, event.answer, event.correct ? 1 : 0, now);
          if (!exists) grow();
        } else if (event.kind === "challenge") {
          const exists = this.#q.hasChallenge.get(student.id, event.challenge) !== undefined;
          if (!exists && !room()) continue;
          this.#q.challenge.run(student.id, student.classId, event.slug, event.challenge, event.solved ? now : null);
          if (!exists) grow();
        } else {
          const open = this.#q.predictState.get(student.classId) as { round: number; json: string | null; revealed: number };
          const predict = open.json ? (JSON.parse(open.json) as ClassPredict) : null;
          // Only the round that is open, before the reveal, and one of its choices.
          if (!predict || open.round !== event.round || open.revealed || !predict.choices.includes(event.answer)) continue;
          this.#q.predictAnswer.run(student.classId, event.round, student.id, event.answer);
        }
        kept++;
      }
      if (kept > 0) this.#touch(student.classId);
      return kept;
    })();
  }

  setFollow(classId: number, lesson: string | null, section: string | null): void {
    this.#q.follow.run(lesson, lesson ? section : null, classId);
    this.#touch(classId);
  }

  openPredict(classId: number, predict: ClassPredict): void {
    this.#q.openPredict.run(JSON.stringify(predict), classId);
    this.#touch(classId);
  }

  revealPredict(classId: number): void {
    this.#q.revealPredict.run(classId);
    this.#touch(classId);
  }

  closePredict(classId: number): void {
    this.#q.closePredict.run(classId);
    this.#touch(classId);
  }

  /** The class's change counter (the live streams send again when it moves); null once the class is gone. */
  version(classId: number): number | null {
    return (this.#q.version.get(classId) as number | undefined) ?? null;
  }

  /**
   * What a student's page is shown: where the instructor is, and the class Predict. The class's answers to it
   * are counted only after the reveal, and never say who answered what; the student sees their own choice.
   */
  followState(classId: number, studentId: number): FollowState {
    return withOwnChoice(this.classLive(classId), (round) => this.ownPredictAnswer(classId, round, studentId));
  }

  /** The part of the follow state every student of the class shares. */
  classLive(classId: number): FollowState {
    const at = this.#q.followState.get(classId) as { lesson: string | null; section: string | null } | undefined;
    const predict = this.#predict(classId);
    return {
      lesson: at?.lesson ?? null,
      section: at?.section ?? null,
      predict: predict && { round: predict.round, ...predict.question, revealed: predict.revealed, mine: null, counts: predict.revealed ? predict.counts : null },
    };
  }

  ownPredictAnswer(classId: number, round: number, studentId: number): string | null {
    return (this.#q.ownPredict.get(classId, round, studentId) as string | undefined) ?? null;
  }

  /** Everything the instructor's dashboard shows, counted per class (never per student, except the nicknames). */
  dashboard(classId: number): Dashboard {
    const at = this.#q.followState.get(classId) as { lesson: string | null; section: string | null };
    const questions: Dashboard["questions"] = [];
    for (const row of this.#q.answerCounts.all(classId) as Array<{ slug: string; question: string; answer: string; correct: number; n: number }>) {
      let entry = questions.at(-1);
      if (!entry || entry.question !== row.question) questions.push((entry = { slug: row.slug, question: row.question, answers: [] }));
      entry.answers.push({ answer: row.answer, correct: row.correct === 1, count: row.n });
    }
    const predict = this.#predict(classId);
    return {
      students: this.#q.nicknames.all(classId) as string[],
      lessons: this.#q.lessonCounts.all(classId) as Dashboard["lessons"],
      questions,
      challenges: this.#q.challengeCounts.all(classId) as Dashboard["challenges"],
      follow: { lesson: at.lesson, section: at.section },
      predict: predict && { round: predict.round, ...predict.question, revealed: predict.revealed, counts: predict.counts },
    };
  }

  /** Retention: deletes the classes nobody used for `days` days (with all their data); returns how many. */
  pruneInactive(days: number): number {
    return this.#q.prune.run(this.#now() - days * DAY_MS).changes;
  }

  #predict(classId: number) {
    const open = this.#q.predictState.get(classId) as { round: number; json: string | null; revealed: number } | undefined;
    if (!open?.json) return null;
    const question = JSON.parse(open.json) as ClassPredict;
    const counted = new Map((this.#q.predictCounts.all(classId, open.round) as Array<{ answer: string; n: number }>).map((r) => [r.answer, r.n]));
    return { round: open.round, question, revealed: open.revealed === 1, counts: question.choices.map((c) => counted.get(c) ?? 0) };
  }

  #touch(classId: number): void {
    this.#q.touch.run(this.#now(), classId);
  }
}

/** A class's follow state with one student's own choice in the open class Predict. */
export function withOwnChoice(live: FollowState, own: (round: number) => string | null): FollowState {
  return live.predict ? { ...live, predict: { ...live.predict, mine: own(live.predict.round) } } : live;
}
