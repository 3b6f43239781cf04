ALTER TABLE "engagements" ADD COLUMN "roadmap_proposed_by" uuid;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "roadmap_proposed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "roadmap_agreed_by" uuid;--> statement-breakpoint
ALTER TABLE "engagements" ADD COLUMN "roadmap_agreed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "homework" ADD COLUMN "result" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_roadmap_proposed_by_users_id_fk" FOREIGN KEY ("roadmap_proposed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_roadmap_agreed_by_users_id_fk" FOREIGN KEY ("roadmap_agreed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Engagements agreed before the two-party agreement existed: proposed and agreed when they were last changed, by no one recorded.
UPDATE "engagements" SET "roadmap_proposed_at" = "updated_at", "roadmap_agreed_at" = "updated_at" WHERE "status" IN ('roadmap_agreed', 'monitoring', 'reported', 'closed');
