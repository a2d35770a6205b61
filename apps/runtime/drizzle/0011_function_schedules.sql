CREATE TABLE "runtime"."function_schedules" (
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	CONSTRAINT "function_schedules_project_id_name_pk" PRIMARY KEY("project_id","name")
);
--> statement-breakpoint
CREATE TABLE "runtime"."idempotency_keys" (
	"project_id" text NOT NULL,
	"key" text NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_project_id_key_pk" PRIMARY KEY("project_id","key")
);
--> statement-breakpoint
ALTER TABLE "runtime"."events" DROP CONSTRAINT "events_kind";--> statement-breakpoint
DROP INDEX "runtime"."events_pending_idx";--> statement-breakpoint
ALTER TABLE "runtime"."events" ADD COLUMN "processed_at" timestamp with time zone;--> statement-breakpoint
-- Events dispatched before this migration count as processed: the queue had them.
UPDATE "runtime"."events" SET "processed_at" = "dispatched_at" WHERE "dispatched_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "runtime"."function_schedules" ADD CONSTRAINT "function_schedules_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "runtime"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runtime"."idempotency_keys" ADD CONSTRAINT "idempotency_keys_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "runtime"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "function_schedules_due_idx" ON "runtime"."function_schedules" USING btree ("next_run_at");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "runtime"."idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "events_unprocessed_idx" ON "runtime"."events" USING btree ("id") WHERE "runtime"."events"."processed_at" is null;--> statement-breakpoint
ALTER TABLE "runtime"."events" ADD CONSTRAINT "events_kind" CHECK ("runtime"."events"."kind" in ('document.created', 'document.updated', 'document.deleted',
        'auth.user.created', 'auth.user.deleted',
        'storage.object.finalized', 'storage.object.deleted', 'function.scheduled'));