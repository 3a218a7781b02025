/** The one registry of MDX components: name → component. No component bodies here. */
import { CodeBlock } from "./code-block";
import { Intro } from "./intro";
import { MdxLink } from "./mdx-link";
import { Note } from "./note";
import { Pitfall } from "./pitfall";
import { Recap } from "./recap";
import { Table } from "./table";

export const mdxComponents = {
  Intro,
  Pitfall,
  Note,
  Recap,
  pre: CodeBlock,
  a: MdxLink,
  table: Table,
};
