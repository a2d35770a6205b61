CREATE TABLE "runtime"."audit_entries" (
	"project_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"at" text NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"details" jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_entries_project_id_seq_pk" PRIMARY KEY("project_id","seq")
);
--> statement-breakpoint
-- Append-only: the runtime only ever inserts. Someone with the table owner's rights can still
-- drop the trigger; the hash chain is what makes such edits detectable.
CREATE FUNCTION "runtime"."audit_entries_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'runtime.audit_entries is append-only: % refused', TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_entries_append_only" BEFORE UPDATE OR DELETE OR TRUNCATE ON "runtime"."audit_entries"
FOR EACH STATEMENT EXECUTE FUNCTION "runtime"."audit_entries_append_only"();
