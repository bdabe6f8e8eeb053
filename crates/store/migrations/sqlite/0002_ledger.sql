-- The platform: parties and their users, products and lots, and the dose ledger.
CREATE TABLE parties (
    code TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('country', 'manufacturer', 'organization')),
    name TEXT NOT NULL,
    population INTEGER CHECK (population > 0),
    income_group TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- The countries of the reference data are parties from the start.
INSERT INTO parties (code, kind, name, population, income_group)
SELECT code, 'country', name, population, income_group FROM countries;

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    party TEXT NOT NULL REFERENCES parties (code),
    role TEXT NOT NULL CHECK (role IN ('official', 'viewer', 'admin')),
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Session and API tokens are stored as SHA-256 digests: a copy of the database signs nobody in.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    csrf_token TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    name TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE products (
    code TEXT PRIMARY KEY,
    manufacturer TEXT NOT NULL REFERENCES parties (code),
    name TEXT NOT NULL,
    doses_per_course INTEGER NOT NULL CHECK (doses_per_course > 0),
    storage TEXT NOT NULL CHECK (storage IN ('2-8C', '-20C', '-70C')),
    shelf_life_days INTEGER NOT NULL CHECK (shelf_life_days > 0),
    gtin TEXT UNIQUE,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

CREATE TABLE lots (
    id INTEGER PRIMARY KEY,
    product TEXT NOT NULL REFERENCES products (code),
    manufacturer TEXT NOT NULL REFERENCES parties (code),
    lot_number TEXT NOT NULL,
    expiry TEXT NOT NULL CHECK (length(expiry) = 10),
    doses INTEGER NOT NULL CHECK (doses > 0),
    gtin TEXT,
    serial TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    UNIQUE (product, lot_number)
);

-- Balances are the ledger's accounts; the CHECK is the database's own guard against overdraft.
CREATE TABLE balances (
    holder TEXT NOT NULL REFERENCES parties (code),
    lot INTEGER NOT NULL REFERENCES lots (id),
    state TEXT NOT NULL CHECK (state IN ('available', 'reserved', 'in_transit', 'administered', 'expired', 'wasted')),
    doses INTEGER NOT NULL CHECK (doses >= 0),
    PRIMARY KEY (holder, lot, state)
);
CREATE INDEX balances_by_lot ON balances (lot, holder, state);

-- The journal: every change of a balance, in order. It only grows.
CREATE TABLE movements (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    lot INTEGER NOT NULL REFERENCES lots (id),
    doses INTEGER NOT NULL CHECK (doses > 0),
    from_holder TEXT,
    from_state TEXT,
    to_holder TEXT NOT NULL,
    to_state TEXT NOT NULL,
    reason TEXT,
    user_id INTEGER REFERENCES users (id),
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX movements_by_lot ON movements (lot, id);
CREATE INDEX movements_by_from ON movements (from_holder, id);
CREATE INDEX movements_by_to ON movements (to_holder, id);

CREATE TRIGGER movements_are_never_updated BEFORE UPDATE ON movements
BEGIN
    SELECT RAISE(ABORT, 'the journal is append-only: a movement cannot be changed');
END;

CREATE TRIGGER movements_are_never_deleted BEFORE DELETE ON movements
BEGIN
    SELECT RAISE(ABORT, 'the journal is append-only: a movement cannot be deleted');
END;

-- A request's first answer, per caller and key, written in the transaction of its effect.
CREATE TABLE idempotency_keys (
    user_id INTEGER NOT NULL REFERENCES users (id),
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status INTEGER,
    body TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (user_id, key)
);
