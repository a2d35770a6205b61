CREATE SCHEMA "runtime";
--> statement-breakpoint
CREATE TABLE "runtime"."projects" (
	"id" text PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"firestore_rules" text,
	"storage_rules" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_id_format" CHECK ("runtime"."projects"."id" ~ '^[a-z][a-z0-9-]{2,62}$')
);
--> statement-breakpoint
CREATE TABLE "runtime"."service_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "service_keys_key_hash_unique" UNIQUE("key_hash"),
	CONSTRAINT "service_keys_name_not_blank" CHECK (length(trim("runtime"."service_keys"."name")) > 0)
);
--> statement-breakpoint
ALTER TABLE "runtime"."service_keys" ADD CONSTRAINT "service_keys_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "runtime"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_keys_project_idx" ON "runtime"."service_keys" USING btree ("project_id");