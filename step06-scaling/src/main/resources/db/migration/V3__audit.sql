-- Lab 5's audit trail, record for record: each node's chain (n = 1, 2, 3 ... and prev = the hash
-- before) exactly as its audit file holds it, so the verifier can check it here too.
CREATE TABLE audit_records (
    node_id    text        NOT NULL,
    n          bigint      NOT NULL,
    time       timestamptz NOT NULL,
    user_name  text,
    role       text,
    address    text,
    action     text        NOT NULL,
    patient_id text,
    outcome    text        NOT NULL,
    prev       char(64)    NOT NULL,
    hash       char(64)    NOT NULL,
    PRIMARY KEY (node_id, n)
);

CREATE INDEX audit_by_time ON audit_records (time);

-- Append-only, in the database itself: whoever asks, a row is never changed or removed.
CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit records are append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_records_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_records
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();

CREATE TRIGGER audit_records_no_truncate
    BEFORE TRUNCATE ON audit_records
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change();
