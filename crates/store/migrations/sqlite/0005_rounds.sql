-- Allocation rounds: an organization pools lots and requests, computes a proposal with the
-- engine, and (later) publishes it. The engine's input and answer are kept as the JSON of
-- spec/allocation.md, so that anyone can recompute a round from what it was given.
CREATE TABLE rounds (
    id INTEGER PRIMARY KEY,
    organization TEXT NOT NULL REFERENCES parties (code),
    state TEXT NOT NULL CHECK (state IN ('draft', 'published', 'closed')),
    date TEXT NOT NULL CHECK (length(date) = 10),
    target_per_100 TEXT,
    input TEXT,
    proposal TEXT,
    created_at TEXT NOT NULL CHECK (length(created_at) = 24),
    updated_at TEXT NOT NULL CHECK (length(updated_at) = 24)
);
CREATE INDEX rounds_by_organization ON rounds (organization, id);

-- The doses of each lot and holder pooled in a round.
CREATE TABLE round_lots (
    round INTEGER NOT NULL REFERENCES rounds (id),
    lot INTEGER NOT NULL REFERENCES lots (id),
    holder TEXT NOT NULL REFERENCES parties (code),
    doses INTEGER NOT NULL CHECK (doses > 0),
    PRIMARY KEY (round, lot, holder)
);

-- The requests a round serves.
CREATE TABLE round_requests (
    round INTEGER NOT NULL REFERENCES rounds (id),
    request INTEGER NOT NULL REFERENCES requests (id),
    PRIMARY KEY (round, request)
);
CREATE INDEX round_requests_by_request ON round_requests (request, round);
