-- GIN indexes write new entries into a pending list that every scan reads until VACUUM merges it. The embedded
-- PGlite has no autovacuum, so after an import the list could stay for good and slow every search. These indexes
-- take their entries at once from now on, and what is pending now is merged.
ALTER INDEX address_streets_key_trgm_idx SET (fastupdate = off);
ALTER INDEX landmarks_key_trgm_idx SET (fastupdate = off);
ALTER INDEX waste_abc_items_search_idx SET (fastupdate = off);
ALTER INDEX news_push_optins_topics_idx SET (fastupdate = off);
SELECT gin_clean_pending_list(i::regclass)
  FROM unnest(ARRAY['address_streets_key_trgm_idx', 'landmarks_key_trgm_idx', 'waste_abc_items_search_idx',
                    'news_push_optins_topics_idx']) AS i;
