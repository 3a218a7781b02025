import type { ComponentProps } from "react";
import { TableScroll } from "./table-scroll";

/**
 * Tables keep their width on phones and scroll sideways; while they do, the first (key) column stays in place and
 * a line above the table says it scrolls (table-scroll.tsx), so no column is hidden without a cue.
 */
export function Table(props: ComponentProps<"table">) {
  return (
    <TableScroll>
      <table {...props} />
    </TableScroll>
  );
}
