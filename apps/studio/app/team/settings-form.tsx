"use client";

import { useActionState } from "react";
import { TeamField } from "../_components/team-field.js";
import { updateTeamSettings } from "./actions.js";
import { describedBy, Field, FormOutcome, WhyDisabled } from "./field.js";
import { initialFormState } from "./form-state.js";

/** The team's settings as the API shows them (the webhook URL masked). */
export interface TeamSettings {
  name: string;
  regressionCron: string | null;
  regressionTimeZone: string;
  notifyWebhookUrl: string | null;
}

/**
 * The team's name, regression schedule and failure webhook. Admins and owners change them;
 * everyone else sees the same form disabled, with why.
 */
export function SettingsForm({
  team,
  whyNot,
  timeZonesId,
}: {
  team: TeamSettings;
  whyNot: string | null;
  /** The id of the page's <datalist> of time zones, offered as the zone is typed. */
  timeZonesId: string;
}) {
  const [state, save, saving] = useActionState(updateTeamSettings, initialFormState);
  const problem = (field: string) => state.fields[field];
  const typed = (field: string, current: string) => state.values[field] ?? current;
  return (
    <form action={save} className="form form-wide" aria-labelledby="settings-heading">
      <TeamField />
      <fieldset disabled={whyNot !== null} title={whyNot ?? undefined} className="plain-fieldset">
        <Field id="team-name" label="Team name" problem={problem("name")}>
          <input
            id="team-name"
            name="name"
            defaultValue={typed("name", team.name)}
            required
            maxLength={100}
            {...describedBy("team-name", problem("name"), false)}
          />
        </Field>
        <div className="field-row">
          <Field
            id="regression-cron"
            label="Regression schedule (cron)"
            hint="5 or 6 fields, at most hourly. Blank: nightly at 03:00."
            problem={problem("regressionCron")}
          >
            <input
              id="regression-cron"
              name="regressionCron"
              defaultValue={typed("regressionCron", team.regressionCron ?? "")}
              placeholder="0 3 * * *"
              spellCheck={false}
              className="mono"
              {...describedBy("regression-cron", problem("regressionCron"))}
            />
          </Field>
          <Field
            id="regression-time-zone"
            label="Time zone"
            hint="An IANA zone, such as Europe/Paris or UTC."
            problem={problem("regressionTimeZone")}
          >
            <input
              id="regression-time-zone"
              name="regressionTimeZone"
              defaultValue={typed("regressionTimeZone", team.regressionTimeZone)}
              list={timeZonesId}
              required
              spellCheck={false}
              {...describedBy("regression-time-zone", problem("regressionTimeZone"))}
            />
          </Field>
        </div>
        <Field
          id="notify-webhook"
          label="New failure webhook URL"
          hint={
            team.notifyWebhookUrl ? (
              <>
                Now: <code>{team.notifyWebhookUrl}</code> (masked: it is a credential). Leave blank
                to keep it.
              </>
            ) : (
              "None set: failures notify no one. Posted to when a regression check fails."
            )
          }
          problem={problem("notifyWebhookUrl")}
        >
          <input
            id="notify-webhook"
            name="notifyWebhookUrl"
            type="text"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://hooks.example.com/…"
            defaultValue={typed("notifyWebhookUrl", "")}
            {...describedBy("notify-webhook", problem("notifyWebhookUrl"))}
          />
        </Field>
        {team.notifyWebhookUrl ? (
          <div className="check">
            <input id="clear-webhook" name="clearWebhook" type="checkbox" />
            <label htmlFor="clear-webhook">Remove the failure webhook</label>
          </div>
        ) : null}
        <div>
          <button type="submit" className="button" disabled={saving}>
            {saving ? "Saving…" : "Save settings"}
          </button>
        </div>
      </fieldset>
      <WhyDisabled why={whyNot} />
      <FormOutcome state={state} />
    </form>
  );
}
