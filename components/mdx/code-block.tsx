import type { ComponentProps } from "react";
import { CopyButton } from "./copy-button";

type PreProps = ComponentProps<"pre"> & {
  "data-title"?: string;
  "data-language"?: string;
  "data-start"?: string;
};

const LANGUAGE_LABELS: Record<string, string> = {
  nginx: "nginx",
  python: "Python",
  bash: "셸",
  http: "HTTP",
  ini: "INI",
  json: "JSON",
  html: "HTML",
  css: "CSS",
  text: "텍스트",
};

/** A shiki-highlighted <pre> (see lib/content/highlight.server.ts) framed with its file name and a copy button. */
export function CodeBlock(props: PreProps) {
  const { "data-title": title, "data-language": language, "data-start": start, style, ...rest } = props;
  const first = Number(start ?? "1");
  const counterStyle = Number.isInteger(first) && first > 1 ? { counterReset: `line ${first - 1}` } : {};
  return (
    <figure className="code-block" data-language={language}>
      <figcaption className="code-header">
        <span className="code-title">{title ?? LANGUAGE_LABELS[language ?? "text"] ?? language}</span>
        <CopyButton />
      </figcaption>
      <pre {...rest} style={{ ...style, ...counterStyle }} />
    </figure>
  );
}
