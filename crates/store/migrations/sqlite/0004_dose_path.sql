-- The dose path: requests, pledges and shipments (cooperation.md). What was delivered
-- against a request or a pledge is computed from its shipments, never stored.
CREATE TABLE requests (
    id INTEGER PRIMARY KEY,
    country TEXT NOT NULL REFERENCES parties (code),
    state TEXT NOT NULL CHECK (state IN ('open', 'withdrawn', 'fulfilled')),
    doses INTEGER NOT NULL CHECK (doses > 0),
    needed_by TEXT NOT NULL CHECK (length(needed_by) = 10),
    -- A JSON array of product codes, or NULL for any product.
    products TEXT,
    min_shelf_life_days INTEGER CHECK (min_shelf_life_days >= 0),
    absorption_per_day INTEGER CHECK (absorption_per_day > 0),
    lead_time_days INTEGER CHECK (lead_time_days >= 0),
    -- A decimal as the country wrote it, so that the engine's input repeats it exactly.
    target_per_100 TEXT,
    note TEXT,
    created_at TEXT NOT NULL CHECK (length(created_at) = 24),
    updated_at TEXT NOT NULL CHECK (length(updated_at) = 24)
);
CREATE INDEX requests_by_country ON requests (country, id);
CREATE INDEX requests_by_state ON requests (state, id);

CREATE TABLE pledges (
    id INTEGER PRIMARY KEY,
    donor TEXT NOT NULL REFERENCES parties (code),
    recipient TEXT NOT NULL REFERENCES parties (code),
    doses INTEGER NOT NULL CHECK (doses > 0),
    due_by TEXT NOT NULL CHECK (length(due_by) = 10),
    product TEXT REFERENCES products (code),
    note TEXT,
    state TEXT NOT NULL CHECK (state IN ('open', 'withdrawn', 'fulfilled')),
    created_at TEXT NOT NULL CHECK (length(created_at) = 24),
    updated_at TEXT NOT NULL CHECK (length(updated_at) = 24)
);
CREATE INDEX pledges_by_donor ON pledges (donor, id);

CREATE TABLE shipments (
    id INTEGER PRIMARY KEY,
    lot INTEGER NOT NULL REFERENCES lots (id),
    holder TEXT NOT NULL REFERENCES parties (code),
    recipient TEXT NOT NULL REFERENCES parties (code),
    doses INTEGER NOT NULL CHECK (doses > 0),
    state TEXT NOT NULL CHECK (state IN ('planned', 'in_transit', 'delivered', 'cancelled')),
    pledge INTEGER REFERENCES pledges (id),
    request INTEGER REFERENCES requests (id),
    -- Agreements and rounds arrive with their own migrations; until then these stay NULL.
    agreement INTEGER,
    round INTEGER,
    created_at TEXT NOT NULL CHECK (length(created_at) = 24),
    updated_at TEXT NOT NULL CHECK (length(updated_at) = 24),
    CHECK (holder <> recipient)
);
CREATE INDEX shipments_by_holder ON shipments (holder, id);
CREATE INDEX shipments_by_recipient ON shipments (recipient, id);
CREATE INDEX shipments_by_pledge ON shipments (pledge, id);
CREATE INDEX shipments_by_request ON shipments (request, id);

-- The ledger movements each shipment made, in order.
CREATE TABLE shipment_movements (
    shipment INTEGER NOT NULL REFERENCES shipments (id),
    movement INTEGER NOT NULL REFERENCES movements (id),
    PRIMARY KEY (shipment, movement)
);
