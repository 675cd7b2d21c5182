-- The dashboards read a team's calls and flow rows by (owner, day) and (hospital, sale day). With only the key in
-- the index, each matching row was fetched from the table (a call row is ~750 bytes, a year of a team's calls
-- ~1,400 pages): the columns the KPI statements need now ride in the index, so PostgreSQL answers from the
-- index alone (index-only scans). Same names and keys as before: Drizzle cannot declare INCLUDE (schema.ts notes it).
-- At national scale (20M calls) the calls index takes ~30 s to build, with writes to calls waiting meanwhile.
DROP INDEX IF EXISTS "calls_owner_date_idx";--> statement-breakpoint
CREATE INDEX "calls_owner_date_idx" ON "calls" USING btree ("owner_id","call_date") INCLUDE ("status","type","doctor_id");--> statement-breakpoint
DROP INDEX IF EXISTS "flow_rows_hospital_idx";--> statement-breakpoint
CREATE INDEX "flow_rows_hospital_idx" ON "flow_rows" USING btree ("hospital_id","sale_date") INCLUDE ("product_id","quantity","import_id","id");
