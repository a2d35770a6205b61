CREATE TABLE "runtime"."hosting_releases" (
	"project_id" text NOT NULL,
	"seq" integer NOT NULL,
	"version" integer NOT NULL,
	"released_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hosting_releases_project_id_seq_pk" PRIMARY KEY("project_id","seq")
);
--> statement-breakpoint
CREATE TABLE "runtime"."hosting_versions" (
	"project_id" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"manifest" jsonb NOT NULL,
	"config" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finalized_at" timestamp with time zone,
	CONSTRAINT "hosting_versions_project_id_version_pk" PRIMARY KEY("project_id","version"),
	CONSTRAINT "hosting_versions_status" CHECK ("runtime"."hosting_versions"."status" in ('created', 'finalized')),
	CONSTRAINT "hosting_versions_finalized_at" CHECK (("runtime"."hosting_versions"."status" = 'finalized') = ("runtime"."hosting_versions"."finalized_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "runtime"."hosting_releases" ADD CONSTRAINT "hosting_releases_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "runtime"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runtime"."hosting_releases" ADD CONSTRAINT "hosting_releases_version_fk" FOREIGN KEY ("project_id","version") REFERENCES "runtime"."hosting_versions"("project_id","version") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runtime"."hosting_versions" ADD CONSTRAINT "hosting_versions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "runtime"."projects"("id") ON DELETE cascade ON UPDATE no action;