"use client";

import { createContext, useContext, type ReactNode } from "react";
import { TEAM_FIELD } from "../../src/team-pin.js";

const ShownTeam = createContext<string | null>(null);

/** The team this page was rendered for (the layout sets it from the session). */
export function ShownTeamProvider({
  team,
  children,
}: {
  team: string | null;
  children: ReactNode;
}) {
  return <ShownTeam.Provider value={team}>{children}</ShownTeam.Provider>;
}

/** Sends the page's team with the form, so the action acts where the page was (`team-pin.ts`). */
export function TeamField() {
  const team = useContext(ShownTeam);
  return team ? <input type="hidden" name={TEAM_FIELD} value={team} /> : null;
}
