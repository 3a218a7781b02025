"use client";
import { useState } from "react";

/** Copies the text of the code block it sits in. */
export function CopyButton() {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <button
      type="button"
      className="copy-button"
      onClick={async (event) => {
        const pre = event.currentTarget.closest("figure")?.querySelector("pre");
        try {
          await navigator.clipboard.writeText(pre?.textContent ?? "");
          setState("copied");
        } catch {
          setState("failed");
        }
      }}
      onBlur={() => setState("idle")}
    >
      {state === "copied" ? "복사됨" : state === "failed" ? "복사 실패" : "복사"}
      <span className="visually-hidden" aria-live="polite">
        {state === "copied" ? "코드를 클립보드에 복사했습니다." : ""}
      </span>
    </button>
  );
}
