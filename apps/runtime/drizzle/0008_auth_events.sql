ALTER TABLE "runtime"."events" DROP CONSTRAINT "events_kind";--> statement-breakpoint
ALTER TABLE "runtime"."events" ADD CONSTRAINT "events_kind" CHECK ("runtime"."events"."kind" in ('document.created', 'document.updated', 'document.deleted',
        'auth.user.created', 'auth.user.deleted'));