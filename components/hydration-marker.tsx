"use client";
import { useEffect } from "react";

/** Sets <html data-hydrated> once React runs: e2e tests wait for it before pressing keys. */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return null;
}
