import type { ReactNode } from "react";
import { Callout } from "./callout";

/** A side remark worth knowing. */
export function Note({ children }: { children: ReactNode }) {
  return (
    <Callout kind="note" title="참고" icon="ℹ">
      {children}
    </Callout>
  );
}
