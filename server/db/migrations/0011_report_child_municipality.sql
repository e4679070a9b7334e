-- The child tables of reports carry the municipality key, as every other table of municipal data does: one
-- deployment can serve several cities, and the schema can later be sharded by it. Existing rows take the key of
-- their report (notifications: of their event's report). Besides the foreign key to municipalities, a composite
-- key (report_id, municipality_id) → reports (id, municipality_id) keeps every row in its report's municipality,
-- so a wrong key is refused instead of stored. Lookups stay by report or event: the existing (report_id, …)
-- indexes and primary keys lead with those columns and serve them, so no further index is needed; the composite
-- keys get the unique indexes they reference.

ALTER TABLE reports ADD CONSTRAINT reports_id_municipality_key UNIQUE (id, municipality_id);

ALTER TABLE report_events ADD COLUMN municipality_id text;
UPDATE report_events e SET municipality_id = r.municipality_id FROM reports r WHERE r.id = e.report_id;
ALTER TABLE report_events
  ALTER COLUMN municipality_id SET NOT NULL,
  ADD CONSTRAINT report_events_municipality_fk FOREIGN KEY (municipality_id) REFERENCES municipalities (id),
  ADD CONSTRAINT report_events_report_municipality_fk FOREIGN KEY (report_id, municipality_id)
    REFERENCES reports (id, municipality_id),
  ADD CONSTRAINT report_events_id_municipality_key UNIQUE (id, municipality_id);

ALTER TABLE report_photos ADD COLUMN municipality_id text;
UPDATE report_photos p SET municipality_id = r.municipality_id FROM reports r WHERE r.id = p.report_id;
ALTER TABLE report_photos
  ALTER COLUMN municipality_id SET NOT NULL,
  ADD CONSTRAINT report_photos_municipality_fk FOREIGN KEY (municipality_id) REFERENCES municipalities (id),
  ADD CONSTRAINT report_photos_report_municipality_fk FOREIGN KEY (report_id, municipality_id)
    REFERENCES reports (id, municipality_id);

ALTER TABLE report_supporters ADD COLUMN municipality_id text;
UPDATE report_supporters s SET municipality_id = r.municipality_id FROM reports r WHERE r.id = s.report_id;
ALTER TABLE report_supporters
  ALTER COLUMN municipality_id SET NOT NULL,
  ADD CONSTRAINT report_supporters_municipality_fk FOREIGN KEY (municipality_id) REFERENCES municipalities (id),
  ADD CONSTRAINT report_supporters_report_municipality_fk FOREIGN KEY (report_id, municipality_id)
    REFERENCES reports (id, municipality_id);

ALTER TABLE report_notifications ADD COLUMN municipality_id text;
UPDATE report_notifications n SET municipality_id = e.municipality_id FROM report_events e WHERE e.id = n.event_id;
ALTER TABLE report_notifications
  ALTER COLUMN municipality_id SET NOT NULL,
  ADD CONSTRAINT report_notifications_municipality_fk FOREIGN KEY (municipality_id) REFERENCES municipalities (id),
  ADD CONSTRAINT report_notifications_event_municipality_fk FOREIGN KEY (event_id, municipality_id)
    REFERENCES report_events (id, municipality_id);
