-- Takes a lock that holds back writes to case_events (imports) while it builds: minutes at a city's
-- year of events. Upgrade between imports (drizzle runs a migration in a transaction, so not CONCURRENTLY).
CREATE INDEX "case_events_pause_idx" ON "case_events" USING btree ("region_code","source_code","case_no") WHERE "case_events"."kind" in ('correction', 'special');
