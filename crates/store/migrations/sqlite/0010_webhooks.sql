-- Webhooks (cooperation.md, "Webhooks"): a party's targets, the durable outbox of their
-- deliveries, and every attempt. An outbox row is written in the transaction of the event it
-- delivers, so it exists exactly when its event does; the worker claims due rows with a
-- lease (`lease_until`, `lease_token`) and records each attempt.
CREATE TABLE webhooks (
    id INTEGER PRIMARY KEY,
    party TEXT NOT NULL REFERENCES parties (code),
    url TEXT NOT NULL CHECK (length(url) BETWEEN 1 AND 2048),
    -- A JSON array of event names.
    events TEXT NOT NULL,
    -- Kept in clear: every delivery is signed with it (HMAC-SHA256).
    secret TEXT NOT NULL,
    created_by INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL CHECK (length(created_at) = 24),
    deleted_at TEXT CHECK (deleted_at IS NULL OR length(deleted_at) = 24)
);
CREATE INDEX webhooks_by_party ON webhooks (party, id);

CREATE TABLE webhook_outbox (
    id INTEGER PRIMARY KEY,
    webhook INTEGER NOT NULL REFERENCES webhooks (id),
    event INTEGER NOT NULL REFERENCES audit_events (id),
    -- The body of every attempt, fixed when the event happened.
    payload TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'cancelled')),
    attempts INTEGER NOT NULL CHECK (attempts >= 0),
    next_attempt_at TEXT NOT NULL CHECK (length(next_attempt_at) = 24),
    lease_until TEXT CHECK (lease_until IS NULL OR length(lease_until) = 24),
    lease_token TEXT,
    created_at TEXT NOT NULL CHECK (length(created_at) = 24),
    delivered_at TEXT CHECK (delivered_at IS NULL OR length(delivered_at) = 24),
    UNIQUE (webhook, event)
);
CREATE INDEX webhook_outbox_by_state ON webhook_outbox (state, webhook, id);

CREATE TABLE webhook_attempts (
    id INTEGER PRIMARY KEY,
    outbox INTEGER NOT NULL REFERENCES webhook_outbox (id),
    number INTEGER NOT NULL CHECK (number > 0),
    at TEXT NOT NULL CHECK (length(at) = 24),
    -- The HTTP status answered, or NULL when no answer came (then `error` says why).
    status INTEGER,
    error TEXT,
    duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
    UNIQUE (outbox, number)
);
