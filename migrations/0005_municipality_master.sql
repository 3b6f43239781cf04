ALTER TABLE "municipalities" ADD COLUMN "prefecture" text;--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "prefecture_kana" text;--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "name_kana" text;--> statement-breakpoint
ALTER TABLE "municipalities" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;