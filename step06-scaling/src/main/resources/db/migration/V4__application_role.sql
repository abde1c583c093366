-- The role the server works as (every pooled connection runs SET ROLE livevitals_app): it may add
-- to the record and read it, delete old readings, and update an alert's state, and no more. It owns
-- nothing, so it cannot drop a trigger, alter a table or grant itself more.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'livevitals_app') THEN
        CREATE ROLE livevitals_app NOLOGIN;
    END IF;
END;
$$;

GRANT USAGE ON SCHEMA public TO livevitals_app;
GRANT SELECT, INSERT, DELETE ON readings TO livevitals_app;
GRANT SELECT, INSERT, UPDATE ON alerts TO livevitals_app;
GRANT SELECT, INSERT ON alert_changes TO livevitals_app;
GRANT SELECT, INSERT ON audit_records TO livevitals_app;

-- So the user the server connects as may SET ROLE to it (a superuser may anyway).
GRANT livevitals_app TO CURRENT_USER;
