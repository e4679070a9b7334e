-- Schedule slots: one row per (job, slot instant). The scheduler inserts the row and enqueues the job in one
-- transaction with ON CONFLICT DO NOTHING, so however many processes run the scheduler, a slot runs once.
-- The job queue itself lives in the pgboss schema, which pg-boss creates and migrates (see platform/jobs).
CREATE TABLE job_schedule_slots (
  job_name text NOT NULL,
  slot_at timestamptz NOT NULL,
  job_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job_name, slot_at)
);
CREATE INDEX job_schedule_slots_job_idx ON job_schedule_slots (job_id);
