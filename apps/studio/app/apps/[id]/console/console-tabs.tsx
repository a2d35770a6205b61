"use client";

import { usePathname } from "next/navigation";
import { Link } from "../../../_components/link.js";

/** The console's parts, in the order the issue lists them (only those that are built). */
const TABS = [
  { segment: "rules", label: "Rules playground" },
  { segment: "documents", label: "Documents" },
  { segment: "users", label: "Users" },
  { segment: "storage", label: "Storage" },
  { segment: "functions", label: "Function logs" },
  { segment: "events", label: "Event log" },
] as const;

/** The console's tab bar: links, the current one marked for screen readers too. */
export function ConsoleTabs({ appId }: { appId: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Runtime console" className="console-tabs">
      <ul>
        {TABS.map((tab) => {
          const href = `/apps/${appId}/console/${tab.segment}`;
          const current = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={tab.segment}>
              <Link href={href} className="console-tab" aria-current={current ? "page" : undefined}>
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
