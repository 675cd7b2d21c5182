CREATE TABLE "analytics_summary_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"counted_types" text[] NOT NULL,
	"min_objectives" integer NOT NULL,
	"short_call_seconds" integer NOT NULL,
	"burst_gap_minutes" integer NOT NULL,
	"burst_min_calls" integer NOT NULL,
	"rebuilt_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "call_day_summaries" (
	"owner_id" uuid NOT NULL,
	"call_date" date NOT NULL,
	"calls" integer NOT NULL,
	"min_objective_calls" integer NOT NULL,
	"short_calls" integer NOT NULL,
	"burst_calls" integer NOT NULL,
	CONSTRAINT "call_day_summaries_owner_id_call_date_pk" PRIMARY KEY("owner_id","call_date")
);
--> statement-breakpoint
ALTER TABLE "call_day_summaries" ADD CONSTRAINT "call_day_summaries_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- A fresh database starts with the default planning rules so the summaries are kept from the first call; a
-- database that already holds calls gets no state row (dashboards read calls) until rebuildAnalyticsSummaries.
INSERT INTO "analytics_summary_state" ("id", "counted_types", "min_objectives", "short_call_seconds", "burst_gap_minutes", "burst_min_calls")
SELECT 1, ARRAY['visit', 'departmentMeeting', 'conference'], 3, 60, 5, 3
WHERE NOT EXISTS (SELECT 1 FROM "calls");
--> statement-breakpoint
-- Recomputes the summaries of the given (owner, day) pairs from calls, or of every pair when both are null.
-- The burst rule is the one of repCountedCalls in kpi.repository.ts (chains within a rep's day, ordered by
-- start time then id); the equivalence test in summaries.test.ts keeps the two in step.
CREATE OR REPLACE FUNCTION analytics_refresh_call_days(touched_owners uuid[], touched_days date[]) RETURNS void AS $$
DECLARE
  s analytics_summary_state%ROWTYPE;
  pair record;
BEGIN
  SELECT * INTO s FROM analytics_summary_state WHERE id = 1;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  IF touched_owners IS NULL THEN
    DELETE FROM call_day_summaries;
    INSERT INTO call_day_summaries (owner_id, call_date, calls, min_objective_calls, short_calls, burst_calls)
    WITH counted AS (
      SELECT c.id, c.owner_id, c.call_date, c.start_at, c.end_at, c.objective_count,
        CASE WHEN lag(c.start_at) OVER w IS NULL
          OR c.start_at - lag(c.start_at) OVER w > make_interval(mins => s.burst_gap_minutes) THEN 1 ELSE 0 END AS new_chain
      FROM calls c
      WHERE c.status = 'submitted' AND c.type = ANY (s.counted_types)
      WINDOW w AS (PARTITION BY c.owner_id, c.call_date ORDER BY c.start_at, c.id)
    ),
    chained AS (
      SELECT *, sum(new_chain) OVER (PARTITION BY owner_id, call_date ORDER BY start_at, id ROWS UNBOUNDED PRECEDING) AS chain
      FROM counted
    ),
    sized AS (
      SELECT *, count(*) OVER (PARTITION BY owner_id, call_date, chain) AS chain_size FROM chained
    )
    SELECT owner_id, call_date, count(*),
      count(*) FILTER (WHERE objective_count >= s.min_objectives),
      count(*) FILTER (WHERE end_at - start_at <= make_interval(secs => s.short_call_seconds)),
      count(*) FILTER (WHERE chain_size >= s.burst_min_calls)
    FROM sized
    GROUP BY owner_id, call_date;
    RETURN;
  END IF;
  -- One writer per rep-day at a time (in a fixed order, so two writers never wait on each other in a circle):
  -- the recount below then sees every call committed before it.
  FOR pair IN
    SELECT DISTINCT t.owner_id, t.call_date FROM unnest(touched_owners, touched_days) AS t(owner_id, call_date)
    ORDER BY t.owner_id, t.call_date
  LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended('call_day_summaries:' || pair.owner_id || ':' || pair.call_date, 0));
  END LOOP;
  DELETE FROM call_day_summaries d
    USING unnest(touched_owners, touched_days) AS t(owner_id, call_date)
    WHERE d.owner_id = t.owner_id AND d.call_date = t.call_date;
  INSERT INTO call_day_summaries (owner_id, call_date, calls, min_objective_calls, short_calls, burst_calls)
  WITH touched AS (
    SELECT DISTINCT t.owner_id, t.call_date FROM unnest(touched_owners, touched_days) AS t(owner_id, call_date)
  ),
  counted AS (
    SELECT c.id, c.owner_id, c.call_date, c.start_at, c.end_at, c.objective_count,
      CASE WHEN lag(c.start_at) OVER w IS NULL
        OR c.start_at - lag(c.start_at) OVER w > make_interval(mins => s.burst_gap_minutes) THEN 1 ELSE 0 END AS new_chain
    FROM touched t
    JOIN calls c ON c.owner_id = t.owner_id AND c.call_date = t.call_date
    WHERE c.status = 'submitted' AND c.type = ANY (s.counted_types)
    WINDOW w AS (PARTITION BY c.owner_id, c.call_date ORDER BY c.start_at, c.id)
  ),
  chained AS (
    SELECT *, sum(new_chain) OVER (PARTITION BY owner_id, call_date ORDER BY start_at, id ROWS UNBOUNDED PRECEDING) AS chain
    FROM counted
  ),
  sized AS (
    SELECT *, count(*) OVER (PARTITION BY owner_id, call_date, chain) AS chain_size FROM chained
  )
  SELECT owner_id, call_date, count(*),
    count(*) FILTER (WHERE objective_count >= s.min_objectives),
    count(*) FILTER (WHERE end_at - start_at <= make_interval(secs => s.short_call_seconds)),
    count(*) FILTER (WHERE chain_size >= s.burst_min_calls)
  FROM sized
  GROUP BY owner_id, call_date;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Same transaction as the write, so the summaries are always as fresh as calls. Only submitted calls count: a
-- statement touching drafts alone costs one scan of its transition table. A bulk loader may set
-- keqing.defer_call_summaries = 'on' for its session and rebuild afterwards.
CREATE OR REPLACE FUNCTION calls_refresh_day_summaries() RETURNS trigger AS $$
DECLARE
  owners uuid[];
  days date[];
BEGIN
  IF current_setting('keqing.defer_call_summaries', true) = 'on' THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(owner_id), array_agg(call_date) INTO owners, days
    FROM (SELECT DISTINCT owner_id, call_date FROM new_calls WHERE status = 'submitted') x;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(owner_id), array_agg(call_date) INTO owners, days
    FROM (
      SELECT owner_id, call_date FROM new_calls WHERE status = 'submitted'
      UNION
      SELECT owner_id, call_date FROM old_calls WHERE status = 'submitted'
    ) x;
  ELSE
    SELECT array_agg(owner_id), array_agg(call_date) INTO owners, days
    FROM (SELECT DISTINCT owner_id, call_date FROM old_calls WHERE status = 'submitted') x;
  END IF;
  IF owners IS NOT NULL THEN
    PERFORM analytics_refresh_call_days(owners, days);
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER calls_day_summaries_insert AFTER INSERT ON calls
  REFERENCING NEW TABLE AS new_calls FOR EACH STATEMENT EXECUTE FUNCTION calls_refresh_day_summaries();
--> statement-breakpoint
CREATE TRIGGER calls_day_summaries_update AFTER UPDATE ON calls
  REFERENCING OLD TABLE AS old_calls NEW TABLE AS new_calls FOR EACH STATEMENT EXECUTE FUNCTION calls_refresh_day_summaries();
--> statement-breakpoint
CREATE TRIGGER calls_day_summaries_delete AFTER DELETE ON calls
  REFERENCING OLD TABLE AS old_calls FOR EACH STATEMENT EXECUTE FUNCTION calls_refresh_day_summaries();
