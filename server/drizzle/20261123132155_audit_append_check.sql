-- The last statement of an append that travels with its COMMIT (platform/audit/audit.ts commitWithAudit):
-- unless every record was written (the head was where the append expected it), it raises KP409 before
-- the COMMIT runs, so a command's change is never committed without its audit records.
CREATE OR REPLACE FUNCTION audit_append_check(written integer, expected integer) RETURNS integer AS $$
BEGIN
  IF written = expected THEN
    RETURN written;
  END IF;
  RAISE EXCEPTION 'audit head moved: % of % records written', written, expected USING ERRCODE = 'KP409';
END;
$$ LANGUAGE plpgsql;
