/** The one registry of MDX components: name → component. No component bodies here. */
import { RequestFlow } from "@/components/flow/RequestFlow";
import { ConfigPlayground } from "@/components/widgets/ConfigPlayground";
import { LoadLab } from "@/components/load/LoadLab";
import { Predict } from "@/components/widgets/predict";
import { Quiz } from "@/components/widgets/Quiz";
import { Terminal } from "@/components/widgets/terminal";
import { CodeBlock } from "./code-block";
import { Intro } from "./intro";
import { MdxLink } from "./mdx-link";
import { Note } from "./note";
import { Pitfall } from "./pitfall";
import { Recap } from "./recap";
import { Table } from "./table";

export const mdxComponents = {
  // Semantic lesson blocks
  Intro,
  Pitfall,
  Note,
  Recap,
  // Interactive widgets (owned by components/flow and components/widgets)
  RequestFlow,
  ConfigPlayground,
  Terminal,
  Quiz,
  Predict,
  LoadLab,
  // Markdown elements
  pre: CodeBlock,
  a: MdxLink,
  table: Table,
};
