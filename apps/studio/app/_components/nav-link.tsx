"use client";

import { Link } from "./link.js";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** A navigation link that says, to screen readers too, when it is the current section. */
export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const current = href === "/" ? pathname === "/" : pathname.startsWith(href);
  return (
    <Link href={href} className="nav-link" aria-current={current ? "page" : undefined}>
      {children}
    </Link>
  );
}
