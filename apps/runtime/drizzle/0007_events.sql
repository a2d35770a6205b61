CREATE TABLE "runtime"."events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "runtime"."events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"event_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"project_id" text NOT NULL,
	"kind" text NOT NULL,
	"subject" text COLLATE "C" NOT NULL,
	"time" timestamp (6) with time zone NOT NULL,
	"data" jsonb NOT NULL,
	"dispatched_at" timestamp with time zone,
	CONSTRAINT "events_event_id_unique" UNIQUE("event_id"),
	CONSTRAINT "events_kind" CHECK ("runtime"."events"."kind" in ('document.created', 'document.updated', 'document.deleted'))
);
--> statement-breakpoint
ALTER TABLE "runtime"."events" ADD CONSTRAINT "events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "runtime"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_pending_idx" ON "runtime"."events" USING btree ("id") WHERE "runtime"."events"."dispatched_at" is null;--> statement-breakpoint
CREATE INDEX "events_project_time_idx" ON "runtime"."events" USING btree ("project_id","time");