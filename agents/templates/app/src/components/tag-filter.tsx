/** Buttons to narrow a list to one tag; "All" clears the filter. */
export function TagFilter({
  tags,
  selected,
  onSelect,
}: {
  tags: readonly string[];
  selected: string | null;
  onSelect: (tag: string | null) => void;
}) {
  if (tags.length === 0 && selected === null) return null;
  const shown = selected !== null && !tags.includes(selected) ? [...tags, selected] : tags;
  return (
    <div className="tag-filter" role="group" aria-label="Filter by tag">
      <button
        type="button"
        className="chip"
        aria-pressed={selected === null}
        onClick={() => onSelect(null)}
      >
        All
      </button>
      {shown.map((tag) => (
        <button
          key={tag}
          type="button"
          className="chip"
          aria-pressed={selected === tag}
          onClick={() => onSelect(selected === tag ? null : tag)}
        >
          #{tag}
        </button>
      ))}
    </div>
  );
}

/** The distinct tags of a list of items, sorted. */
export function tagsOf(items: ReadonlyArray<{ tags?: readonly string[] }>): string[] {
  return [...new Set(items.flatMap((i) => i.tags ?? []))].sort();
}
