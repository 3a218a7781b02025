/**
 * What the dashboard calls each counted question: the lesson's own words. The ids the widgets report
 * (`quiz:<id>#<n>`, `predict:<id>`, `challenge:<id>`) are read from each compiled lesson together with the
 * question text or the challenge's goal (its title when it has one), so an instructor sees "Nginx가 혼자 답하는 요청은?" rather than an id.
 * The lesson is not rendered: its element tree is walked and the widgets' props are read where they stand.
 */
import { isValidElement, type ReactNode } from "react";
import { getMDXComponent } from "mdx-bundler/client";
import { mdxComponents } from "@/components/mdx/mdx-components";
import type { Lesson } from "@/lib/content/types";

type Props = Record<string, unknown> & { children?: ReactNode };

/** Every widget's and block's props in a lesson's tree, in reading order, with the name the lesson wrote it as. */
function widgetProps(code: string): Array<{ name: string; props: Props }> {
  // One stand-in per registered component name (never called: the walk only reads the props it was given).
  const names = new Map<unknown, string>();
  const components: Record<string, () => null> = {};
  for (const name of Object.keys(mdxComponents)) {
    const standIn = () => null;
    names.set(standIn, name);
    components[name] = standIn;
  }
  const Lesson = getMDXComponent(code);
  const found: Array<{ name: string; props: Props }> = [];
  const walk = (node: ReactNode): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isValidElement(node)) return;
    const props = node.props as Props;
    const name = names.get(node.type);
    if (name) found.push({ name, props });
    walk(props.children);
  };
  // The lesson's body function gives its tree of elements (with no wrapper component, MDX calls nothing else).
  walk(Lesson({ components }) as ReactNode);
  return found;
}

/** Question id → the words the lesson asks it with (a challenge: its title, or else the first sentence of its goal). */
export function questionLabels(lessons: Array<Pick<Lesson, "code">>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const lesson of lessons) {
    for (const { name, props } of widgetProps(lesson.code)) {
      const id = typeof props.id === "string" ? props.id : null;
      if (!id) continue;
      if (name === "Quiz" && Array.isArray(props.questions)) {
        (props.questions as Array<{ question?: unknown }>).forEach((q, i) => {
          if (typeof q.question === "string") labels[`quiz:${id}#${i}`] = q.question;
        });
      } else if (name === "Predict" && typeof props.question === "string") {
        labels[`predict:${id}`] = props.question;
      } else if (name === "Challenge") {
        const goal = textOf(props.children).replace(/^\s*목표:\s*/, "").trim();
        const label = typeof props.title === "string" ? props.title : goal;
        if (label) labels[`challenge:${id}`] = shorten(label);
      }
    }
  }
  return labels;
}

/** The text a tree of elements reads as (its strings in order). */
function textOf(node: ReactNode): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (isValidElement(node)) return textOf((node.props as Props).children);
  return "";
}

/** A challenge's goal can run to a paragraph: its first sentence, or its first 90 characters. */
function shorten(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const sentence = /^.+?[.!?다요](?=\s|$)/.exec(flat)?.[0] ?? flat;
  return sentence.length <= 90 ? sentence : sentence.slice(0, 89) + "…";
}
