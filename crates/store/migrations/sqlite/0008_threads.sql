-- Threads: conversations among parties, on their own or about an object (cooperation.md,
-- "Threads"). Only the parties in a thread read it. Messages are never edited or deleted
-- (triggers refuse it, as for the journal); each user's read mark says up to which message
-- they have read a thread.
CREATE TABLE threads (
    id INTEGER PRIMARY KEY,
    subject TEXT NOT NULL CHECK (length(subject) > 0),
    -- What the thread is about, if anything: a kind of object and its id.
    about_kind TEXT CHECK (about_kind IN ('request', 'pledge', 'round', 'shipment', 'offer',
        'agreement', 'partnership', 'meeting')),
    about_id INTEGER,
    created_by TEXT NOT NULL REFERENCES parties (code),
    created_at TEXT NOT NULL CHECK (length(created_at) = 24),
    updated_at TEXT NOT NULL CHECK (length(updated_at) = 24),
    CHECK ((about_kind IS NULL) = (about_id IS NULL))
);
CREATE INDEX threads_by_about ON threads (about_kind, about_id);

CREATE TABLE thread_parties (
    thread INTEGER NOT NULL REFERENCES threads (id),
    party TEXT NOT NULL REFERENCES parties (code),
    PRIMARY KEY (thread, party)
);
CREATE INDEX thread_parties_by_party ON thread_parties (party, thread);

-- Bodies are stored exactly as written; pages escape them when they show them.
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    thread INTEGER NOT NULL REFERENCES threads (id),
    author_user INTEGER NOT NULL REFERENCES users (id),
    author_party TEXT NOT NULL REFERENCES parties (code),
    body TEXT NOT NULL CHECK (length(body) > 0),
    created_at TEXT NOT NULL CHECK (length(created_at) = 24)
);
CREATE INDEX messages_by_thread ON messages (thread, id);

CREATE TRIGGER messages_are_never_updated BEFORE UPDATE ON messages
BEGIN
    SELECT RAISE(ABORT, 'messages are append-only: a message cannot be changed');
END;

CREATE TRIGGER messages_are_never_deleted BEFORE DELETE ON messages
BEGIN
    SELECT RAISE(ABORT, 'messages are append-only: a message cannot be deleted');
END;

-- The last message of a thread each user has read; it only moves forward.
CREATE TABLE thread_reads (
    user_id INTEGER NOT NULL REFERENCES users (id),
    thread INTEGER NOT NULL REFERENCES threads (id),
    last_read INTEGER NOT NULL REFERENCES messages (id),
    PRIMARY KEY (user_id, thread)
);
