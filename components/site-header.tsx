import Link from "next/link";
import { ThemeToggle } from "./theme/theme-toggle";

export function SiteHeader({ title }: { title: string }) {
  return (
    <header className="site-header">
      <Link href="/" className="site-title">
        {title}
      </Link>
      <ThemeToggle />
    </header>
  );
}
