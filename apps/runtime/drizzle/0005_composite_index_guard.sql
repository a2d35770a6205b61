-- The ids of a collection group's composite indexes, read after taking the index lock shared
-- (held until the calling statement's transaction ends). A single-statement write compares
-- them with the ids it computed index entries for: a deployment that committed meanwhile
-- makes them differ, and the write is retried the locked way. Being VOLATILE and PL/pgSQL,
-- its query takes a fresh snapshot after the lock is granted, so it sees that deployment.
CREATE FUNCTION "runtime"."locked_composite_index_ids"(project text, collection_group text)
RETURNS text[]
LANGUAGE plpgsql VOLATILE
AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtextextended(project || '#indexes', 0));
  RETURN coalesce(
    (SELECT array_agg(i.id ORDER BY i.id COLLATE "C")
       FROM "runtime"."composite_indexes" i
      WHERE i.project_id = project AND i.collection_group = locked_composite_index_ids.collection_group),
    '{}'::text[]);
END;
$$;
