/**
 * Renders a compiled lesson with recorder components in place of the widgets, collecting the props each widget was
 * given (scenario, presets, expectations, quiz questions…) and which semantic blocks the lesson has.
 */
import { createElement, Fragment, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { getMDXComponent } from "mdx-bundler/client";

export interface WidgetUse {
  name: string;
  props: Record<string, unknown>;
}

const WIDGETS = ["RequestFlow", "ConfigPlayground", "Terminal", "Quiz", "Predict", "LoadLab"] as const;
const BLOCKS = ["Intro", "Recap", "Pitfall", "Note"] as const;

export function collectWidgets(code: string): WidgetUse[] {
  const uses: WidgetUse[] = [];
  const components: Record<string, (props: Record<string, unknown> & { children?: ReactNode }) => ReactNode> = {};
  for (const name of WIDGETS) {
    components[name] = (props) => {
      uses.push({ name, props });
      return null;
    };
  }
  for (const name of BLOCKS) {
    components[name] = ({ children }) => {
      uses.push({ name, props: {} });
      return createElement(Fragment, null, children);
    };
  }
  const Lesson = getMDXComponent(code);
  renderToStaticMarkup(createElement(Lesson, { components }));
  return uses;
}
