-- PostgreSQL compresses the rounds' texts with lz4 from this migration on; SQLite does not
-- compress text, so nothing changes here. The migration exists on both backends so that
-- their versions stay one list.
SELECT 1;
