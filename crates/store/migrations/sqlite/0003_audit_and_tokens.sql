-- The audit trail: every change of an object, by whom, written in the change's transaction.
CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL CHECK (length(at) = 24),
    actor_user INTEGER REFERENCES users (id),
    actor_party TEXT REFERENCES parties (code),
    action TEXT NOT NULL,
    object_kind TEXT NOT NULL,
    object_id TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX audit_events_by_object ON audit_events (object_kind, object_id, id);

-- Every object an event is about: its own object and those it belongs to (a movement's
-- lot), so that one object's trail (a lot's whole journey) is one lookup.
CREATE TABLE audit_subjects (
    event INTEGER NOT NULL REFERENCES audit_events (id),
    kind TEXT NOT NULL,
    id TEXT NOT NULL,
    PRIMARY KEY (kind, id, event)
);

-- The parties an event concerns (the actor's, the object's owners, a movement's two sides):
-- they, and organizations, may read it.
CREATE TABLE audit_parties (
    event INTEGER NOT NULL REFERENCES audit_events (id),
    party TEXT NOT NULL REFERENCES parties (code),
    PRIMARY KEY (event, party)
);
CREATE INDEX audit_parties_by_party ON audit_parties (party, event);

CREATE TRIGGER audit_events_are_never_updated BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: an event cannot be changed');
END;

CREATE TRIGGER audit_events_are_never_deleted BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'the audit trail is append-only: an event cannot be deleted');
END;

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

-- Bearer tokens get an id (to revoke them by), a lifetime and a revocation time. Tokens
-- issued before this migration live 90 days from now.
CREATE TABLE api_tokens_new (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    expires_at TEXT NOT NULL CHECK (length(expires_at) = 24),
    revoked_at TEXT CHECK (revoked_at IS NULL OR length(revoked_at) = 24)
);
INSERT INTO api_tokens_new (token_hash, user_id, name, created_at, expires_at)
SELECT token_hash, user_id, name, created_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '+90 days') FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_new RENAME TO api_tokens;
CREATE INDEX api_tokens_by_user ON api_tokens (user_id, id);
