-- Security-relevant actions (authentication failures, data export, data deletion, backups,
-- restores). No foreign key to users on purpose: the trail must outlive the data it describes.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  subject_user_id text,
  ip text,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb
);

CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_subject_user_id_idx ON audit_log (subject_user_id, at);
