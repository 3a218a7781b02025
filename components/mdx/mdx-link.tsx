import Link from "next/link";
import type { ComponentProps } from "react";

/** Internal links go through next/link (which adds the base path); external ones open as plain links. */
export function MdxLink({ href = "", ...rest }: ComponentProps<"a">) {
  if (href.startsWith("/") && !href.startsWith("//")) return <Link href={href} {...rest} />;
  if (href.startsWith("#")) return <a href={href} {...rest} />;
  return <a href={href} rel="noreferrer" {...rest} />;
}
