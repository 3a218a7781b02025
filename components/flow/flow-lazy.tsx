"use client";
/**
 * Loads the interactive widget only when it comes near the viewport. Until then (and without JavaScript) the
 * server-rendered stand-in passed as children stays: the lesson is readable before the widget's code arrives.
 */
import { lazy, Suspense, type ReactNode } from "react";
import { useNearViewport } from "@/components/widgets/use-near-viewport";
import type { FlowWidgetProps } from "./flow-widget";

const FlowWidget = lazy(() => import("./flow-widget"));

export function FlowLazy({ children, ...props }: FlowWidgetProps & { children: ReactNode }) {
  const { ref, near } = useNearViewport<HTMLDivElement>();
  if (!near) return <div ref={ref}>{children}</div>;
  return (
    <Suspense fallback={children}>
      <FlowWidget {...props} />
    </Suspense>
  );
}
