-- A computed round keeps three texts (the engine's input, its answer and the certificate:
-- about 390 KB for 200 countries and 2,000 lots), written at every computation. PostgreSQL's
-- own compression (pglz) takes about 2.5 ms to squeeze them; lz4 about 1 ms, for about the
-- same room on disk (65 KB instead of 52 KB), and reads back faster. Texts already stored
-- keep their compression until rewritten; reads do not care which. A server built without
-- lz4 keeps pglz: the migration must not fail there.
DO $$
BEGIN
    ALTER TABLE rounds
        ALTER COLUMN input SET COMPRESSION lz4,
        ALTER COLUMN proposal SET COMPRESSION lz4,
        ALTER COLUMN certificate SET COMPRESSION lz4;
EXCEPTION
    WHEN feature_not_supported THEN
        RAISE NOTICE 'this server has no lz4: the rounds keep pglz';
END
$$;
