import type { ReactNode } from "react";
import { Callout } from "./callout";

/** The lesson's summary, at its end. */
export function Recap({ children }: { children: ReactNode }) {
  return (
    <Callout kind="recap" title="정리" icon="✓">
      {children}
    </Callout>
  );
}
