-- Which departments work on an office's online applications: their department staff see that office's inbox and
-- nothing of other offices (BSC agents and admins see all). Written only by
-- features/applications/core/office-departments-queries.ts.
CREATE TABLE application_office_departments (
  municipality_id text NOT NULL REFERENCES municipalities (id) ON DELETE CASCADE,
  office_key text NOT NULL,
  department_id bigint NOT NULL REFERENCES departments (id) ON DELETE CASCADE,
  PRIMARY KEY (municipality_id, office_key, department_id)
);
CREATE INDEX application_office_departments_department ON application_office_departments (department_id);
