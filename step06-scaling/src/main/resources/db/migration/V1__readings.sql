-- Every reading the hospital accepted: one row per patient per instant.
-- The primary key is the index a patient-and-time query needs (the history endpoint reads
-- one patient's rows between two times, in order), and it makes a batch that is written twice
-- (sent again after a lost answer) change nothing: the writer inserts ON CONFLICT DO NOTHING.
CREATE TABLE readings (
    patient_id       text             NOT NULL,
    taken_at         timestamptz      NOT NULL,
    ward             text             NOT NULL,
    node_id          text             NOT NULL,
    heart_rate       integer          NOT NULL,
    spo2             integer          NOT NULL,
    temperature      double precision NOT NULL,
    systolic         integer          NOT NULL,
    diastolic        integer          NOT NULL,
    respiratory_rate integer          NOT NULL,
    PRIMARY KEY (patient_id, taken_at)
);

-- The retention job deletes by age alone, across every patient.
CREATE INDEX readings_by_time ON readings (taken_at);
