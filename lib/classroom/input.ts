/**
 * What the classroom API accepts, as zod schemas: every string bounded, every list bounded, nothing else let
 * through (strict objects). Used by the API handlers (lib/api/classroom-handler.server.ts).
 */
import { z } from "zod";

export const CLASSROOM_LIMITS = {
  bodyBytes: 16 * 1024,
  eventsPerReport: 50,
  titleChars: 60,
  nicknameChars: 20,
  slugChars: 120,
  idChars: 120,
  answerChars: 200,
  sectionChars: 120,
  predictChoices: 8,
  studentsPerClass: 300,
  /** Lesson, answer and challenge rows one student may have: more than the course holds. */
  itemsPerStudent: 3000,
  classes: 500,
} as const;

const L = CLASSROOM_LIMITS;
// Printable text: no control characters (they would end up on the instructor's screen).
const text = (max: number) => z.string().trim().min(1).max(max).regex(/^[^\p{Cc}\p{Cf}]*$/u, "control characters");
const slug = z.string().min(1).max(L.slugChars).regex(/^[a-z0-9][a-z0-9/_-]*$/);
const widget = z.string().min(1).max(L.idChars).regex(/^[a-z][a-z-]*:[a-z0-9][a-z0-9_#:.-]*$/);

export const codeSchema = z.string().trim().min(4).max(12).regex(/^[A-Za-z0-9 -]+$/);
export const secretSchema = z.string().min(20).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const createClassInput = z.strictObject({ title: text(L.titleChars) });
export const joinInput = z.strictObject({ code: codeSchema, nickname: text(L.nicknameChars) });

/** One thing a student did, reported by their browser. */
export const studentEvent = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("lesson"), slug, state: z.enum(["started", "finished"]) }),
  z.strictObject({ kind: z.literal("answer"), slug, question: widget, answer: text(L.answerChars), correct: z.boolean() }),
  z.strictObject({ kind: z.literal("challenge"), slug, challenge: widget, solved: z.boolean() }),
  z.strictObject({ kind: z.literal("class-predict"), round: z.number().int().min(1).max(1e9), answer: text(L.answerChars) }),
]);
export type StudentEvent = z.infer<typeof studentEvent>;

export const reportInput = z.strictObject({ events: z.array(studentEvent).min(1).max(L.eventsPerReport) });

export const followInput = z.strictObject({
  lesson: slug.nullable(),
  section: z.string().max(L.sectionChars).regex(/^[^\s#"<>]*$/).nullable(),
});

export const classPredict = z.strictObject({
  slug,
  predict: z.string().min(1).max(L.idChars).regex(/^[a-z0-9][a-z0-9-]*$/),
  question: text(300),
  choices: z.array(text(L.answerChars)).min(2).max(L.predictChoices),
});
export type ClassPredict = z.infer<typeof classPredict>;

export const predictInput = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("open"), predict: classPredict }),
  z.strictObject({ action: z.literal("reveal") }),
  z.strictObject({ action: z.literal("close") }),
]);

/** A Korean message for the first problem zod found, naming the field. */
export function describeIssue(error: z.ZodError): { message: string; messageKo: string } {
  const issue = error.issues[0];
  const where = issue?.path.join(".") || "(body)";
  return { message: `${where}: ${issue?.message ?? "invalid"}`, messageKo: `입력이 올바르지 않습니다 (${where}).` };
}
