ALTER TYPE "public"."notification_kind" ADD VALUE 'observation_approved';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'observation_declined';--> statement-breakpoint
DROP INDEX "export_jobs_status_lease_until_index";--> statement-breakpoint
ALTER TABLE "export_jobs" DROP COLUMN "lease_until";