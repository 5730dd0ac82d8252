-- A command's check that runs inside a statement sent with the COMMIT (platform/db/compiled.ts,
-- literalStatement): when the check fails, the statement raises, so nothing after it in the message —
-- the audit records, the COMMIT — runs, and the caller reads the reason from the error
-- (refusalOf in platform/db/refusal.ts). The public rating page's "already rated" is one.
CREATE OR REPLACE FUNCTION kp_refuse(reason text) RETURNS void AS $$
BEGIN
  RAISE EXCEPTION '%', reason USING ERRCODE = 'KP422';
END;
$$ LANGUAGE plpgsql;
