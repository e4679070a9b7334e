-- FIT-Connect's encrypted metadata of an application (JWE for the destination's key, like data_jwe): the structure
-- of the submission with the hashes of its data and attachments. Null for applications without it (the inbox).
ALTER TABLE applications ADD COLUMN metadata_jwe text;
