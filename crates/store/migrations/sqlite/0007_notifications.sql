-- Notifications: one row per user for each event that concerns their party (cooperation.md,
-- "Notifications"), written in the event's transaction. Only `read_at` ever changes.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    event INTEGER NOT NULL REFERENCES audit_events (id),
    action TEXT NOT NULL,
    object_kind TEXT NOT NULL,
    object_id TEXT NOT NULL,
    summary TEXT NOT NULL,
    created_at TEXT NOT NULL CHECK (length(created_at) = 24),
    read_at TEXT CHECK (read_at IS NULL OR length(read_at) = 24)
);
CREATE INDEX notifications_by_user ON notifications (user_id, id);
