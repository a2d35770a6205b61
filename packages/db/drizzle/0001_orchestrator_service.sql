CREATE TABLE "deployments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"app_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"run_id" uuid,
	"kind" text NOT NULL,
	"project" text NOT NULL,
	"version" integer NOT NULL,
	"url" text NOT NULL,
	"commit_sha" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deployments_kind_known" CHECK (kind in ('deploy', 'rollback')),
	CONSTRAINT "deployments_project_not_blank" CHECK (btrim("deployments"."project") <> ''),
	CONSTRAINT "deployments_version_positive" CHECK ("deployments"."version" > 0)
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "role" "membership_role";--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "kind" text DEFAULT 'generation' NOT NULL;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "retry_of" uuid;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "regression_cron" text;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "regression_time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "notify_webhook_url" text;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_app_id_team_id_fkey" FOREIGN KEY ("app_id","team_id") REFERENCES "public"."apps"("id","team_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deployments_app_id_created_at_idx" ON "deployments" USING btree ("app_id","created_at");--> statement-breakpoint
CREATE INDEX "deployments_created_by_idx" ON "deployments" USING btree ("created_by");--> statement-breakpoint
CREATE UNIQUE INDEX "deployments_one_per_run" ON "deployments" USING btree ("run_id") WHERE "deployments"."kind" = 'deploy';--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_retry_of_runs_id_fk" FOREIGN KEY ("retry_of") REFERENCES "public"."runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "runs_retry_of_idx" ON "runs" USING btree ("retry_of");--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_team_token_has_role" CHECK ("api_tokens"."user_id" is not null or "api_tokens"."role" is not null);--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_kind_known" CHECK (kind in ('generation', 'regression'));--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_notify_webhook_url_http" CHECK ("teams"."notify_webhook_url" is null or "teams"."notify_webhook_url" ~ '^https?://');