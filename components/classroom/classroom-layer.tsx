"use client";
/**
 * Mounted on every page: shows the student's class bar or the instructor's bar when this browser is in a class or
 * teaches one, and nothing (no code loaded, nothing sent) otherwise.
 */
import { lazy, Suspense } from "react";
import { usePathname } from "next/navigation";
import { useMembership, useTeachSession } from "./streams";

const ClassBar = lazy(() => import("./class-bar"));
const TeachBar = lazy(() => import("./teach-bar"));

export function ClassroomLayer() {
  const member = useMembership();
  const teach = useTeachSession();
  const pathname = usePathname();
  // The class pages show the same things themselves.
  if (pathname?.startsWith("/class")) return null;
  return (
    <Suspense fallback={null}>
      {teach ? <TeachBar session={teach} /> : member ? <ClassBar member={member} /> : null}
    </Suspense>
  );
}
