"use server";

import type { FormState } from "../../../../../src/form-state.js";
import { consoleChange } from "../console-actions.js";
import type { EventKind } from "./kinds.js";

/**
 * Delivers the events the page shows (its filter) to the triggers again
 * (`console.events.replay`, admin+). The API refuses in words when the runtime cannot replay.
 */
export async function replayEventsAction(
  appId: string,
  filter: { kinds?: EventKind[]; subjectPrefix?: string },
  _previous: FormState,
  _form: FormData,
): Promise<FormState> {
  return consoleChange(`/apps/${appId}/console/events`, async (api) => {
    const replay = await api.console.events.replay.mutate({ appId, ...filter });
    return `Replayed ${replay.events} event(s) as replay ${replay.replayId}.`;
  });
}
