import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "pretendard/dist/web/variable/pretendardvariable-dynamic-subset.css";
import "./globals.css";
import { HydrationMarker } from "@/components/hydration-marker";
import { SiteHeader } from "@/components/site-header";
import { SkipLink } from "@/components/skip-link";
import { ClassroomLayer } from "@/components/classroom/classroom-layer";
import { ThemeScript } from "@/components/theme/theme-script";
import { getCourse } from "@/lib/content/lessons.server";

export async function generateMetadata(): Promise<Metadata> {
  const { config } = await getCourse();
  return {
    title: { default: config.title, template: `%s · ${config.title}` },
    description: config.description,
  };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#16181d" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { config } = await getCourse();
  return (
    <html lang="ko" suppressHydrationWarning>
      <head>
        <ThemeScript />
      </head>
      <body>
        <SkipLink />
        <SiteHeader title={config.title} />
        <ClassroomLayer />
        {children}
        <HydrationMarker />
      </body>
    </html>
  );
}
