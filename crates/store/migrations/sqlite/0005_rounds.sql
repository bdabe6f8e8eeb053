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

-- A published round's shares: one per request, with the country's answer. Published
-- shares hold their doses reserved at the holders until accepted (shipments) or declined.
CREATE TABLE round_shares (
    round INTEGER NOT NULL REFERENCES rounds (id),
    share INTEGER NOT NULL CHECK (share > 0),
    country TEXT NOT NULL REFERENCES parties (code),
    request INTEGER NOT NULL REFERENCES requests (id),
    doses INTEGER NOT NULL CHECK (doses >= 0),
    response TEXT CHECK (response IN ('accept', 'decline')),
    reason TEXT CHECK (reason IN ('short_shelf_life', 'no_cold_chain', 'insufficient_notice', 'product_not_authorised', 'no_absorption_capacity', 'other', 'no_response')),
    note TEXT,
    answered_at TEXT CHECK (answered_at IS NULL OR length(answered_at) = 24),
    PRIMARY KEY (round, share)
);

-- The doses of each lot and holder a published share holds reserved, and the movement
-- that reserved them.
CREATE TABLE round_share_lots (
    round INTEGER NOT NULL REFERENCES rounds (id),
    share INTEGER NOT NULL,
    lot INTEGER NOT NULL REFERENCES lots (id),
    holder TEXT NOT NULL REFERENCES parties (code),
    doses INTEGER NOT NULL CHECK (doses > 0),
    movement INTEGER NOT NULL REFERENCES movements (id),
    PRIMARY KEY (round, share, lot, holder),
    FOREIGN KEY (round, share) REFERENCES round_shares (round, share)
);
