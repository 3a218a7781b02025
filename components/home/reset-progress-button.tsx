"use client";
import { useState } from "react";
import { resetProgress } from "@/components/progress";

/** Clears every saved mark and the resume point. */
export function ResetProgressButton() {
  const [message, setMessage] = useState("");
  return (
    <div className="reset-progress">
      <button
        type="button"
        className="secondary-button"
        onClick={() => {
          resetProgress();
          setMessage("진행 상황을 초기화했습니다.");
        }}
      >
        진행 상황 초기화
      </button>
      <p role="status" className="reset-status">
        {message}
      </p>
    </div>
  );
}
