-- Every alert, as it stands now: one row per alert, updated as it changes.
-- An alert id (n2.A7) is unique within one run of its node, so the time it was raised completes the key.
CREATE TABLE alerts (
    alert_id   text        NOT NULL,
    raised_at  timestamptz NOT NULL,
    patient_id text        NOT NULL,
    ward       text        NOT NULL,
    node_id    text        NOT NULL,
    kind       text        NOT NULL,
    source     text        NOT NULL,
    priority   text        NOT NULL,
    state      text        NOT NULL,
    updated_at timestamptz NOT NULL,
    message    json        NOT NULL,  -- the alert as every dashboard was sent it
    PRIMARY KEY (alert_id, raised_at)
);

CREATE INDEX alerts_by_update ON alerts (updated_at);
CREATE INDEX alerts_active ON alerts (patient_id) WHERE state <> 'cleared';

-- Its lifecycle: each change appended (raised, escalated, acknowledged, cleared ...), who and when.
CREATE TABLE alert_changes (
    alert_id        text        NOT NULL,
    raised_at       timestamptz NOT NULL,
    changed_at      timestamptz NOT NULL,
    event           text        NOT NULL,
    state           text        NOT NULL,
    priority        text        NOT NULL,
    acknowledged_by text,
    message         json        NOT NULL,
    PRIMARY KEY (alert_id, raised_at, changed_at, event),
    FOREIGN KEY (alert_id, raised_at) REFERENCES alerts (alert_id, raised_at)
);
