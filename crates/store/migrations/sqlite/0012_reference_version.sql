-- A counter every import of reference data moves forward, in the import's transaction:
-- servers keep the reference part of the coverage sources (18,794 daily reports) in
-- memory and read it again only when this number has changed.
CREATE TABLE reference_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO reference_version (id, version) VALUES (1, 0);
