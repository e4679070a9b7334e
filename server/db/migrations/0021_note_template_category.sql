-- A note template may be meant for one category (NULL: for every category); the report page offers a report the
-- templates of its category and those without one.
ALTER TABLE report_note_templates ADD COLUMN category_id bigint REFERENCES report_categories (id) ON DELETE SET NULL;
