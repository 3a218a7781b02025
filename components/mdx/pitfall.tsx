import type { ReactNode } from "react";
import { Callout } from "./callout";

/** A mistake students commonly make. */
export function Pitfall({ children }: { children: ReactNode }) {
  return (
    <Callout kind="pitfall" title="함정" icon="⚠">
      {children}
    </Callout>
  );
}
