CREATE TYPE "public"."grant_kind" AS ENUM('promotion', 'support');--> statement-breakpoint
CREATE TYPE "public"."indicator_figure_kind" AS ENUM('rate', 'count', 'amount');--> statement-breakpoint
CREATE TYPE "public"."period_kind" AS ENUM('fiscal_year', 'month', 'date');--> statement-breakpoint
CREATE TYPE "public"."reference_area_kind" AS ENUM('national', 'prefecture');--> statement-breakpoint
CREATE TABLE "grant_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_id" uuid NOT NULL,
	"fiscal_year" integer NOT NULL,
	"grant" "grant_kind" NOT NULL,
	"area" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"score" double precision NOT NULL,
	"max_score" double precision NOT NULL,
	"national_average" double precision,
	"prefecture_average" double precision,
	CONSTRAINT "grant_scores_municipalityId_fiscalYear_grant_area_unique" UNIQUE("municipality_id","fiscal_year","grant","area"),
	CONSTRAINT "grant_scores_range" CHECK ("grant_scores"."max_score" > 0 and "grant_scores"."score" >= 0 and "grant_scores"."score" <= "grant_scores"."max_score")
);
--> statement-breakpoint
CREATE TABLE "reference_areas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" "reference_area_kind" NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "reference_areas_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "indicator_values" DROP CONSTRAINT "indicator_values_indicatorId_municipalityId_period_unique";--> statement-breakpoint
ALTER TABLE "indicator_values" ALTER COLUMN "municipality_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD COLUMN "reference_area_id" uuid;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "theme" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "figure_kind" "indicator_figure_kind" DEFAULT 'rate' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "cumulative" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "period_kind" "period_kind" DEFAULT 'fiscal_year' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "decimals" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "min_value" double precision;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "max_value" double precision;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "grant_scores" ADD CONSTRAINT "grant_scores_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_reference_area_id_reference_areas_id_fk" FOREIGN KEY ("reference_area_id") REFERENCES "public"."reference_areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "indicator_values_reference_area_id_index" ON "indicator_values" USING btree ("reference_area_id");--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_area_period" UNIQUE NULLS NOT DISTINCT("indicator_id","municipality_id","reference_area_id","period");--> statement-breakpoint
ALTER TABLE "indicator_values" ADD CONSTRAINT "indicator_values_one_area" CHECK (("indicator_values"."municipality_id" is null) <> ("indicator_values"."reference_area_id" is null));--> statement-breakpoint
ALTER TABLE "indicators" ADD CONSTRAINT "indicators_decimals" CHECK ("indicators"."decimals" between 0 and 6);