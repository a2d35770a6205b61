CREATE TABLE "runtime"."documents" (
	"project_id" text NOT NULL,
	"path" text NOT NULL,
	"collection_path" text NOT NULL,
	"collection_id" text NOT NULL,
	"document_id" text NOT NULL,
	"fields" jsonb NOT NULL,
	"create_time" timestamp (6) with time zone NOT NULL,
	"update_time" timestamp (6) with time zone NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "documents_project_id_path_pk" PRIMARY KEY("project_id","path")
);
--> statement-breakpoint
CREATE TABLE "runtime"."index_entries" (
	"project_id" text NOT NULL,
	"collection_path" text NOT NULL,
	"collection_id" text NOT NULL,
	"field" text NOT NULL,
	"mode" text NOT NULL,
	"key" "bytea" NOT NULL,
	"document_path" text NOT NULL,
	CONSTRAINT "index_entries_project_id_collection_path_field_mode_key_document_path_pk" PRIMARY KEY("project_id","collection_path","field","mode","key","document_path"),
	CONSTRAINT "index_entries_mode" CHECK ("runtime"."index_entries"."mode" in ('value', 'contains'))
);
--> statement-breakpoint
ALTER TABLE "runtime"."documents" ADD CONSTRAINT "documents_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "runtime"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runtime"."index_entries" ADD CONSTRAINT "index_entries_project_id_document_path_documents_project_id_path_fk" FOREIGN KEY ("project_id","document_path") REFERENCES "runtime"."documents"("project_id","path") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documents_collection_idx" ON "runtime"."documents" USING btree ("project_id","collection_path","document_id");--> statement-breakpoint
CREATE INDEX "index_entries_group_idx" ON "runtime"."index_entries" USING btree ("project_id","collection_id","field","mode","key");--> statement-breakpoint
CREATE INDEX "index_entries_document_idx" ON "runtime"."index_entries" USING btree ("project_id","document_path");