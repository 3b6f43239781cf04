ALTER TYPE "public"."evidence_kind" ADD VALUE 'grant_score';--> statement-breakpoint
ALTER TABLE "grant_scores" DROP CONSTRAINT "grant_scores_municipalityId_fiscalYear_grant_area_unique";--> statement-breakpoint
ALTER TABLE "evidence" DROP CONSTRAINT "evidence_kind_columns";--> statement-breakpoint
ALTER TABLE "verification_plans" DROP CONSTRAINT "verification_plans_indicator";--> statement-breakpoint
ALTER TABLE "verification_plans" ALTER COLUMN "action_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "grant_score_id" uuid;--> statement-breakpoint
ALTER TABLE "grant_scores" ADD COLUMN "area_code" text;--> statement-breakpoint
-- Scores stored before areas had codes: the area's place in its grant's year (1, 2, 3 …) becomes its code.
UPDATE "grant_scores" SET "area_code" = ("position" + 1)::text;--> statement-breakpoint
ALTER TABLE "grant_scores" ALTER COLUMN "area_code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "grant_scores" ADD COLUMN "source" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "grant_scores" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "verification_plans" ADD COLUMN "engagement_id" uuid;--> statement-breakpoint
-- Every existing plan is an action's: it belongs to the action's engagement.
UPDATE "verification_plans" SET "engagement_id" = "actions"."engagement_id" FROM "actions" WHERE "actions"."id" = "verification_plans"."action_id";--> statement-breakpoint
ALTER TABLE "verification_plans" ALTER COLUMN "engagement_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "verification_plans" ADD COLUMN "node_id" uuid;--> statement-breakpoint
ALTER TABLE "verification_plans" ADD COLUMN "qualitative" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_grant_score_id_grant_scores_id_fk" FOREIGN KEY ("grant_score_id") REFERENCES "public"."grant_scores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_plans" ADD CONSTRAINT "verification_plans_engagement_id_engagements_id_fk" FOREIGN KEY ("engagement_id") REFERENCES "public"."engagements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_plans" ADD CONSTRAINT "verification_plans_node_id_tree_nodes_id_fk" FOREIGN KEY ("node_id") REFERENCES "public"."tree_nodes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "verification_plans_node_id_index" ON "verification_plans" USING btree ("node_id");--> statement-breakpoint
CREATE INDEX "verification_plans_engagement_id_index" ON "verification_plans" USING btree ("engagement_id");--> statement-breakpoint
ALTER TABLE "grant_scores" ADD CONSTRAINT "grant_scores_area" UNIQUE("municipality_id","fiscal_year","grant","area_code");--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_kind_columns" CHECK (("evidence"."kind" = 'indicator_value' and "evidence"."indicator_value_id" is not null)
        or ("evidence"."kind" = 'finding' and "evidence"."finding_id" is not null)
        or ("evidence"."kind" = 'text' and "evidence"."text" is not null and length(trim("evidence"."text")) > 0)
        or ("evidence"."kind"::text = 'grant_score' and "evidence"."grant_score_id" is not null));--> statement-breakpoint
ALTER TABLE "verification_plans" ADD CONSTRAINT "verification_plans_one_subject" CHECK (("verification_plans"."action_id" is null) <> ("verification_plans"."node_id" is null));--> statement-breakpoint
ALTER TABLE "verification_plans" ADD CONSTRAINT "verification_plans_indicator" CHECK ("verification_plans"."qualitative" or "verification_plans"."indicator_id" is not null or length(trim("verification_plans"."indicator_name")) > 0);