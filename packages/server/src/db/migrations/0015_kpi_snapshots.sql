CREATE TABLE "kpi_snapshots" (
	"key" text PRIMARY KEY NOT NULL,
	"view" jsonb NOT NULL,
	"counts" jsonb NOT NULL,
	"rep_count" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"compute_ms" integer NOT NULL,
	"last_read_at" timestamp with time zone NOT NULL
);
