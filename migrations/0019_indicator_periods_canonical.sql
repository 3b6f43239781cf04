-- Indicator periods to the one period model (shared/src/period.ts): fiscal years as FY2024
-- (from R6, 令和6年度, H30, 平成30年度, 2024年度, FY2024 or a bare 2024), months as 2024-07.
-- Evidence keeps a copy of its value's period: converted the same way.
CREATE FUNCTION pg_temp.canonical_period(p text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN p ~ '^(R|令和)[0-9]{1,2}(年度)?$' THEN 'FY' || (2018 + substring(p from '[0-9]+')::int)
    WHEN p ~ '^(R|令和)元(年度)?$' THEN 'FY2019'
    WHEN p ~ '^(H|平成)[0-9]{1,2}(年度)?$' THEN 'FY' || (1988 + substring(p from '[0-9]+')::int)
    WHEN p ~ '^(FY)?[0-9]{4}(年度)?$' THEN 'FY' || substring(p from '[0-9]{4}')
    WHEN p ~ '^[0-9]{4}/[0-9]{1,2}$' THEN substring(p from '^[0-9]{4}') || '-' || lpad(substring(p from '[0-9]{1,2}$'), 2, '0')
    ELSE p
  END
$$;--> statement-breakpoint
UPDATE "indicator_values" SET "period" = pg_temp.canonical_period("period") WHERE "period" <> pg_temp.canonical_period("period");--> statement-breakpoint
UPDATE "evidence" SET "period" = pg_temp.canonical_period("period") WHERE "period" IS NOT NULL AND "period" <> pg_temp.canonical_period("period");
