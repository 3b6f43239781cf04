CREATE TYPE "public"."team_role" AS ENUM('lead_advisor', 'advisor', 'organizer_staff', 'secretariat', 'municipal_member');--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "team_role" "team_role";--> statement-breakpoint
-- Existing rows: advisor → advisor, municipal_member → municipal_member; the demo marks its lead advisor (and its secretariat) by title.
UPDATE "memberships" SET "team_role" = CASE
  WHEN "role" = 'municipal_member' THEN 'municipal_member'::"team_role"
  WHEN "title" = '主任アドバイザー' THEN 'lead_advisor'::"team_role"
  WHEN "title" = '事務局' THEN 'secretariat'::"team_role"
  ELSE 'advisor'::"team_role" END;--> statement-breakpoint
ALTER TABLE "memberships" ALTER COLUMN "team_role" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_team_role_matches_role" CHECK (("memberships"."team_role" = 'municipal_member') = ("memberships"."role" = 'municipal_member'));
