import { Link } from "../_components/link.js";
import { describedBy, Field } from "../team/field.js";
import { KNOWN_ACTIONS, TARGET_TYPES, type AuditFilters } from "./audit-query.js";

/**
 * The filters, as a plain GET form: applying them is a navigation to a URL that says them,
 * which works without JavaScript and can be bookmarked or shared.
 */
export function AuditFiltersForm({
  filters,
  problems,
}: {
  filters: AuditFilters;
  /** Field name → what is wrong with it (the API's words, or the date check's). */
  problems: Record<string, string>;
}) {
  return (
    <form method="get" action="/audit" className="card" aria-label="Filter the audit log">
      <div className="filters">
        <Field
          id="filter-action"
          label="Action"
          hint="Or its start: run."
          problem={problems.action}
        >
          <input
            id="filter-action"
            name="action"
            list="known-actions"
            defaultValue={filters.action}
            spellCheck={false}
            placeholder="Any"
            {...describedBy("filter-action", problems.action)}
          />
        </Field>
        <datalist id="known-actions">
          {KNOWN_ACTIONS.map((action) => (
            <option key={action} value={action} />
          ))}
        </datalist>
        <Field id="filter-actor" label="Actor" hint="Email or token name" problem={problems.actor}>
          <input
            id="filter-actor"
            name="actor"
            defaultValue={filters.actor}
            spellCheck={false}
            placeholder="Anyone"
            {...describedBy("filter-actor", problems.actor)}
          />
        </Field>
        <Field id="filter-target-type" label="Target" problem={problems.targetType}>
          <select
            id="filter-target-type"
            name="targetType"
            defaultValue={filters.targetType}
            {...describedBy("filter-target-type", problems.targetType, false)}
          >
            <option value="">Anything</option>
            {TARGET_TYPES.map((type) => (
              <option key={type.value} value={type.value}>
                {type.label}
              </option>
            ))}
          </select>
        </Field>
        {filters.targetId ? (
          <Field id="filter-target-id" label="Target id" problem={problems.targetId}>
            <input
              id="filter-target-id"
              name="targetId"
              defaultValue={filters.targetId}
              spellCheck={false}
              {...describedBy("filter-target-id", problems.targetId, false)}
            />
          </Field>
        ) : null}
        <Field id="filter-from" label="From (UTC day)" problem={problems.from}>
          <input
            id="filter-from"
            name="from"
            type="date"
            defaultValue={filters.from}
            {...describedBy("filter-from", problems.from, false)}
          />
        </Field>
        <Field id="filter-to" label="To (UTC day, included)" problem={problems.to}>
          <input
            id="filter-to"
            name="to"
            type="date"
            defaultValue={filters.to}
            {...describedBy("filter-to", problems.to, false)}
          />
        </Field>
        <div className="actions">
          <button type="submit" className="button">
            Apply filters
          </button>
          <Link href="/audit" className="button button-quiet">
            Clear
          </Link>
        </div>
      </div>
    </form>
  );
}
