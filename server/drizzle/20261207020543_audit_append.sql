-- An append that travels with its COMMIT (platform/audit/audit.ts commitWithAudit), or that an append
-- inside a transaction tries first (appendAudit). A process has several such messages on their way at
-- once, each chained onto the records of the one it sent before; the database may still start them
-- out of order. So an append that finds the head short of the records it chains onto (`from_seq`: a
-- message sent before it has not committed yet) lets the head go and waits for it — plain reads, a
-- millisecond apart — until the head has reached `from_seq` or `wait_ms` have passed. In order, which is
-- the rule, it only waits on the head's lock. It raises KP409 — before the COMMIT runs, so a command's
-- change never commits without its records — when the head has moved past `from_seq` or elsewhere
-- (another writer appended), when there is no head yet, or when the wait runs out (the message it
-- chained onto failed). It answers the number of records written.
CREATE OR REPLACE FUNCTION audit_append(from_seq bigint, from_hash text, last_seq bigint, last_hash text, records jsonb, wait_ms integer)
RETURNS integer AS $$
DECLARE
  head record;
  current bigint;
  deadline timestamptz;
  written integer;
BEGIN
  LOOP
    -- A block with a handler is a subtransaction: raising 'KP425' in it releases the head's row lock.
    BEGIN
      SELECT seq, hash INTO head FROM audit_head WHERE id = 1 FOR UPDATE;
      IF NOT FOUND OR head.seq > from_seq OR (head.seq = from_seq AND head.hash <> from_hash) THEN
        RAISE EXCEPTION 'audit head moved: at %, expected %', head.seq, from_seq USING ERRCODE = 'KP409';
      END IF;
      IF head.seq < from_seq THEN
        RAISE EXCEPTION 'audit head not there yet' USING ERRCODE = 'KP425';
      END IF;
      EXIT;
    EXCEPTION WHEN SQLSTATE 'KP425' THEN
      -- Counted from the first time the head was found short: waiting for its lock is not waiting for a predecessor.
      deadline := coalesce(deadline, clock_timestamp() + wait_ms * interval '1 millisecond');
      LOOP
        IF clock_timestamp() >= deadline THEN
          RAISE EXCEPTION 'audit head moved: at %, expected % (waited % ms)', current, from_seq, wait_ms USING ERRCODE = 'KP409';
        END IF;
        PERFORM pg_sleep(0.001);
        SELECT seq INTO current FROM audit_head WHERE id = 1;
        EXIT WHEN current >= from_seq;
      END LOOP;
    END;
  END LOOP;
  UPDATE audit_head SET seq = last_seq, hash = last_hash WHERE id = 1;
  INSERT INTO audit_log SELECT * FROM jsonb_populate_recordset(null::audit_log, records);
  GET DIAGNOSTICS written = ROW_COUNT;
  RETURN written;
END;
$$ LANGUAGE plpgsql;
-- audit_append_check, which the previous release calls, stays until a later migration: during a rolling
-- deploy that release's processes are still appending.
