"use client";
/** The two live streams as React hooks: a student's follow state, an instructor's dashboard. */
import { useSyncExternalStore } from "react";
import type { Dashboard, FollowState } from "@/lib/classroom/views";
import { basePath, instructorHeaders, membership, teachSession } from "./membership";
import { sharedStream, type StreamSnapshot } from "./shared-stream";

export type DashboardView = Dashboard & { code: string; title: string };

const liveStream = sharedStream<FollowState, NonNullable<ReturnType<typeof membership.get>>>(
  membership,
  (m) => ({ url: `${basePath}/api/class/live`, headers: { "x-class-token": m.token } }),
  () => membership.set(null),
);

const dashboardStream = sharedStream<DashboardView, NonNullable<ReturnType<typeof teachSession.get>>>(
  teachSession,
  (s) => ({ url: `${basePath}/api/class/dashboard`, headers: instructorHeaders(s) }),
  () => undefined,
);

const OFF_SNAPSHOT = { state: null, status: "off" as const };
const offSnapshot = () => OFF_SNAPSHOT;

export function useClassLive(): StreamSnapshot<FollowState> {
  return useSyncExternalStore(liveStream.subscribe, liveStream.getSnapshot, offSnapshot);
}

export function useDashboard(): StreamSnapshot<DashboardView> {
  return useSyncExternalStore(dashboardStream.subscribe, dashboardStream.getSnapshot, offSnapshot);
}

export function useMembership() {
  return useSyncExternalStore(membership.subscribe, membership.get, () => null);
}

export function useTeachSession() {
  return useSyncExternalStore(teachSession.subscribe, teachSession.get, () => null);
}
