-- Contains-search (ILIKE '%q%' on names, pinyin initials, aliases) over 400,000 doctors needs an index. pg_trgm
-- cannot serve it: a query of one or two characters (张三, zs: what users type most) yields no trigram, so a
-- trigram GIN index is read whole. These grams are the name's characters and character pairs: every pair of a
-- query of two or more characters (its one character when alone) is among them in any name that contains the
-- query, so `search_grams(col) @> search_query_grams(q)` is a necessary condition a GIN index answers, and the
-- ILIKE beside it stays the rule. lower() here is the one ILIKE applies, under the same collation.
CREATE OR REPLACE FUNCTION search_grams(value text) RETURNS text[] AS $$
DECLARE
  v text := lower(value);
  grams text[] := '{}';
BEGIN
  FOR i IN 1 .. length(v) LOOP
    grams := grams || substr(v, i, 1) || substr(v, i, 2);
  END LOOP;
  RETURN grams;
END
$$ LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_query_grams(value text) RETURNS text[] AS $$
DECLARE
  v text := lower(value);
  grams text[] := '{}';
BEGIN
  IF length(v) < 2 THEN
    RETURN ARRAY[v];
  END IF;
  FOR i IN 1 .. length(v) - 1 LOOP
    grams := grams || substr(v, i, 2);
  END LOOP;
  RETURN grams;
END
$$ LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE;
--> statement-breakpoint
CREATE INDEX "doctors_name_grams_idx" ON "doctors" USING gin (search_grams("name"));--> statement-breakpoint
CREATE INDEX "doctors_initials_grams_idx" ON "doctors" USING gin (search_grams("name_initials"));--> statement-breakpoint
CREATE INDEX "hospitals_name_grams_idx" ON "hospitals" USING gin (search_grams("name"));--> statement-breakpoint
CREATE INDEX "hospitals_initials_grams_idx" ON "hospitals" USING gin (search_grams("name_initials"));--> statement-breakpoint
CREATE INDEX "hospitals_alias_grams_idx" ON "hospitals" USING gin (search_grams("alias"));