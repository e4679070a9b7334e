-- Room on each page of push_subscriptions for the new row versions of a delivery's result updates (last success,
-- failures): none of those columns is indexed, so with free space on the page the update is a HOT update and
-- touches none of the table's three indexes (bench:push on PGlite: 26 → 17 ms per 1,000 results). Pages filled
-- before this change get the room when they are next rewritten.
ALTER TABLE push_subscriptions SET (fillfactor = 70);
