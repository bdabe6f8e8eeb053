-- Fewer checks per row where a round's publication writes thousands of rows (PostgreSQL's
-- migration of the same number says why); nothing stored changes. SQLite keeps no room in
-- pages for updates (PostgreSQL's fillfactor): nothing to do for balances. Constraints
-- change only by rebuilding a table: the three tables below are copied into new ones.

-- A share's lot is exactly the lot and holder of the movement that reserved it.
CREATE UNIQUE INDEX movements_by_id_lot_holder ON movements (id, lot, to_holder);
CREATE TABLE round_share_lots_rebuilt (
    round INTEGER NOT NULL,
    share INTEGER NOT NULL,
    lot INTEGER NOT NULL,
    holder TEXT NOT NULL,
    doses INTEGER NOT NULL CHECK (doses > 0),
    movement INTEGER NOT NULL,
    PRIMARY KEY (round, share, lot, holder),
    FOREIGN KEY (round, share) REFERENCES round_shares (round, share),
    FOREIGN KEY (movement, lot, holder) REFERENCES movements (id, lot, to_holder)
);
INSERT INTO round_share_lots_rebuilt (round, share, lot, holder, doses, movement)
SELECT round, share, lot, holder, doses, movement FROM round_share_lots;
DROP TABLE round_share_lots;
ALTER TABLE round_share_lots_rebuilt RENAME TO round_share_lots;

-- An event's subject and party rows are written only by the store's `append_events`, from
-- the ids its insert of the events just returned, in the same transaction, and no event is
-- ever deleted: the check of each row's event cannot fail, so it is not made. `equidose
-- verify` still looks for a row whose event is missing.
CREATE TABLE audit_subjects_rebuilt (
    event INTEGER NOT NULL,
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (kind, id, event)
);
INSERT INTO audit_subjects_rebuilt (event, kind, id) SELECT event, kind, id FROM audit_subjects;
DROP TABLE audit_subjects;
ALTER TABLE audit_subjects_rebuilt RENAME TO audit_subjects;

CREATE TABLE audit_parties_rebuilt (
    event INTEGER NOT NULL,
    party TEXT NOT NULL REFERENCES parties (code),
    PRIMARY KEY (event, party)
);
INSERT INTO audit_parties_rebuilt (event, party) SELECT event, party FROM audit_parties;
DROP TABLE audit_parties;
ALTER TABLE audit_parties_rebuilt RENAME TO audit_parties;
CREATE INDEX audit_parties_by_party ON audit_parties (party, event);

CREATE TRIGGER audit_subjects_are_never_updated BEFORE UPDATE ON audit_subjects
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: an event cannot be changed');
END;

CREATE TRIGGER audit_subjects_are_never_deleted BEFORE DELETE ON audit_subjects
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: an event cannot be deleted');
END;

CREATE TRIGGER audit_parties_are_never_updated BEFORE UPDATE ON audit_parties
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: an event cannot be changed');
END;

CREATE TRIGGER audit_parties_are_never_deleted BEFORE DELETE ON audit_parties
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: an event cannot be deleted');
END;
