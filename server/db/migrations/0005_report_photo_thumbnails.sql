-- A small preview (≤ 320 px JPEG) beside each stored photo, made once at upload, so lists and the back office do
-- not resize the full photo on every view. Deleted together with the photo.
ALTER TABLE report_photos ADD COLUMN thumbnail bytea;
