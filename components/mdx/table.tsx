import type { ComponentProps } from "react";

/** Tables scroll sideways on phones instead of widening the page. */
export function Table(props: ComponentProps<"table">) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="표">
      <table {...props} />
    </div>
  );
}
