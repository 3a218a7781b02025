import type { ReactNode } from "react";

/** The lesson's opening paragraph, set larger. */
export function Intro({ children }: { children: ReactNode }) {
  return <div className="intro">{children}</div>;
}
