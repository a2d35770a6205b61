CREATE TABLE "runtime"."storage_signing_keys" (
	"project_id" text PRIMARY KEY NOT NULL,
	"key_id" text NOT NULL,
	"secret_encrypted" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "runtime"."events" DROP CONSTRAINT "events_kind";--> statement-breakpoint
ALTER TABLE "runtime"."storage_signing_keys" ADD CONSTRAINT "storage_signing_keys_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "runtime"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runtime"."events" ADD CONSTRAINT "events_kind" CHECK ("runtime"."events"."kind" in ('document.created', 'document.updated', 'document.deleted',
        'auth.user.created', 'auth.user.deleted',
        'storage.object.finalized', 'storage.object.deleted'));