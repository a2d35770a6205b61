CREATE TABLE "runtime"."composite_indexes" (
	"project_id" text NOT NULL,
	"id" text NOT NULL,
	"collection_group" text NOT NULL,
	"query_scope" text NOT NULL,
	"fields" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "composite_indexes_project_id_id_pk" PRIMARY KEY("project_id","id"),
	CONSTRAINT "composite_indexes_scope" CHECK ("runtime"."composite_indexes"."query_scope" in ('COLLECTION', 'COLLECTION_GROUP'))
);
--> statement-breakpoint
ALTER TABLE "runtime"."index_entries" DROP CONSTRAINT "index_entries_mode";--> statement-breakpoint
DROP INDEX "runtime"."index_entries_group_idx";--> statement-breakpoint
ALTER TABLE "runtime"."documents" ALTER COLUMN "path" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "runtime"."documents" ALTER COLUMN "collection_path" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "runtime"."documents" ALTER COLUMN "document_id" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "runtime"."index_entries" ALTER COLUMN "document_path" SET DATA TYPE text COLLATE "C";--> statement-breakpoint
ALTER TABLE "runtime"."mail_outbox" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "runtime"."composite_indexes" ADD CONSTRAINT "composite_indexes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "runtime"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "index_entries_group_idx" ON "runtime"."index_entries" USING btree ("project_id","collection_id","field","mode","key","document_path");--> statement-breakpoint
ALTER TABLE "runtime"."index_entries" ADD CONSTRAINT "index_entries_mode" CHECK ("runtime"."index_entries"."mode" in ('value', 'contains', 'composite'));