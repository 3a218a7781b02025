import { getMDXComponent } from "mdx-bundler/client";
import { mdxComponents } from "./mdx-components";

/** Renders compiled lesson MDX on the server (at build time for static pages). */
export function LessonContent({ code }: { code: string }) {
  const Content = getMDXComponent(code);
  // eslint-disable-next-line react-hooks/static-components -- compiled once per static page render
  return <Content components={mdxComponents} />;
}
