"use client";
/**
 * A lesson's Predict widget in a class: for the instructor (teach mode), opening it for the whole class and its
 * live histogram; for a student, the round the instructor opened, their own choice sent, and the class's counts
 * once revealed. `none` outside a class, or when the class Predict is another widget.
 */
import { teachApi } from "./api";
import { reportClassEvent } from "./report";
import { useClassLive, useDashboard, useTeachSession } from "./streams";

export type ClassPredictMode =
  | { mode: "none" }
  | { mode: "student"; round: number; revealed: boolean; mine: string | null; counts: number[] | null; choose(answer: string): void }
  | { mode: "teacher"; open: boolean; revealed: boolean; counts: number[]; openForClass(): Promise<void>; reveal(): Promise<void>; close(): Promise<void> };

export function useClassPredict(slug: string | null, id: string, question: string, choices: string[]): ClassPredictMode {
  const teach = useTeachSession();
  const dashboard = useDashboard();
  const live = useClassLive();
  if (!slug) return { mode: "none" };
  if (teach) {
    const open = dashboard.state?.predict;
    const mine = open && open.slug === slug && open.predict === id ? open : null;
    const post = async (body: unknown) => void (await teachApi(teach, "POST", "/predict", body));
    return {
      mode: "teacher",
      open: mine !== null,
      revealed: mine?.revealed ?? false,
      counts: mine?.counts ?? choices.map(() => 0),
      openForClass: () => post({ action: "open", predict: { slug, predict: id, question, choices } }),
      reveal: () => post({ action: "reveal" }),
      close: () => post({ action: "close" }),
    };
  }
  const predict = live.state?.predict;
  if (!predict || predict.slug !== slug || predict.predict !== id) return { mode: "none" };
  return {
    mode: "student",
    round: predict.round,
    revealed: predict.revealed,
    mine: predict.mine,
    counts: predict.counts,
    choose: (answer) => reportClassEvent({ kind: "class-predict", round: predict.round, answer }),
  };
}
