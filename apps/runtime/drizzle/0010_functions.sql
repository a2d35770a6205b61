CREATE TABLE "runtime"."function_logs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "runtime"."function_logs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"lines" jsonb NOT NULL,
	"duration_ms" integer NOT NULL,
	"error_kind" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "runtime"."functions" (
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"bundle" text NOT NULL,
	"config" jsonb NOT NULL,
	"trigger" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "functions_project_id_name_version_pk" PRIMARY KEY("project_id","name","version")
);
--> statement-breakpoint
ALTER TABLE "runtime"."function_logs" ADD CONSTRAINT "function_logs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "runtime"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runtime"."functions" ADD CONSTRAINT "functions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "runtime"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "function_logs_function_idx" ON "runtime"."function_logs" USING btree ("project_id","name","id");--> statement-breakpoint
CREATE INDEX "function_logs_created_idx" ON "runtime"."function_logs" USING btree ("created_at");