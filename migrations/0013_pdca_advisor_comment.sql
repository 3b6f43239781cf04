CREATE TABLE "pdca_advisor_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"engagement_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"comment" text NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pdca_advisor_comments_engagementId_fiscalYear_unique" UNIQUE("engagement_id","fiscal_year")
);
--> statement-breakpoint
ALTER TABLE "pdca_advisor_comments" ADD CONSTRAINT "pdca_advisor_comments_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pdca_advisor_comments" ADD CONSTRAINT "pdca_advisor_comments_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;