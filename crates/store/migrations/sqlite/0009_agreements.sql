-- Talking and agreeing (cooperation.md 9-13): manufacturers' capacity, offers, agreements,
-- local-production partnerships, and the forum's meetings with the commitments made there.
-- What was delivered against an agreement is computed from its shipments, never stored; the
-- two counters below (`doses_taken`, `doses_planned`) are guards that conditional updates
-- keep, so that concurrent accepts or shipments cannot promise the same doses twice.
CREATE TABLE capacities (
    id INTEGER PRIMARY KEY,
    manufacturer TEXT NOT NULL REFERENCES parties (code),
    product TEXT NOT NULL REFERENCES products (code),
    month TEXT NOT NULL CHECK (length(month) = 7),
    doses INTEGER NOT NULL CHECK (doses >= 0),
    created_at TEXT NOT NULL CHECK (length(created_at) = 24),
    updated_at TEXT NOT NULL CHECK (length(updated_at) = 24),
    UNIQUE (product, month)
);
CREATE INDEX capacities_by_manufacturer ON capacities (manufacturer, id);

CREATE TABLE offers (
    id INTEGER PRIMARY KEY,
    manufacturer TEXT NOT NULL REFERENCES parties (code),
    product TEXT NOT NULL REFERENCES products (code),
    doses INTEGER NOT NULL CHECK (doses > 0),
    -- Doses of agreements made from it that are not cancelled.
    doses_taken INTEGER NOT NULL DEFAULT 0 CHECK (doses_taken >= 0 AND doses_taken <= doses),
    available_from TEXT NOT NULL CHECK (length(available_from) = 10),
    available_to TEXT NOT NULL CHECK (length(available_to) = 10),
    -- A decimal as the manufacturer wrote it.
    price_per_dose TEXT,
    currency TEXT,
    -- NULL: open to every country and organization.
    recipient TEXT REFERENCES parties (code),
    state TEXT NOT NULL CHECK (state IN ('open', 'accepted', 'declined', 'withdrawn')),
    created_at TEXT NOT NULL CHECK (length(created_at) = 24),
    updated_at TEXT NOT NULL CHECK (length(updated_at) = 24),
    CHECK (available_from <= available_to)
);
CREATE INDEX offers_by_manufacturer ON offers (manufacturer, id);

CREATE TABLE agreements (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('supply', 'donation')),
    supplier TEXT NOT NULL REFERENCES parties (code),
    recipient TEXT NOT NULL REFERENCES parties (code),
    doses INTEGER NOT NULL CHECK (doses > 0),
    -- Doses of shipments planned against it and not cancelled.
    doses_planned INTEGER NOT NULL DEFAULT 0 CHECK (doses_planned >= 0 AND doses_planned <= doses),
    product TEXT REFERENCES products (code),
    offer INTEGER REFERENCES offers (id),
    pledge INTEGER REFERENCES pledges (id),
    proposed_by TEXT NOT NULL REFERENCES parties (code),
    state TEXT NOT NULL CHECK (state IN ('proposed', 'signed', 'cancelled', 'completed')),
    signed_at TEXT CHECK (signed_at IS NULL OR length(signed_at) = 24),
    created_at TEXT NOT NULL CHECK (length(created_at) = 24),
    updated_at TEXT NOT NULL CHECK (length(updated_at) = 24),
    CHECK (supplier <> recipient)
);
CREATE INDEX agreements_by_supplier ON agreements (supplier, id);
CREATE INDEX agreements_by_recipient ON agreements (recipient, id);
CREATE INDEX agreements_by_offer ON agreements (offer, id);
CREATE INDEX shipments_by_agreement ON shipments (agreement, id);

CREATE TABLE partnerships (
    id INTEGER PRIMARY KEY,
    manufacturer TEXT NOT NULL REFERENCES parties (code),
    partner TEXT NOT NULL REFERENCES parties (code),
    product TEXT NOT NULL REFERENCES products (code),
    site TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('fill_finish', 'technology_transfer')),
    capacity_per_year INTEGER NOT NULL CHECK (capacity_per_year > 0),
    stage TEXT NOT NULL CHECK (stage IN ('proposed', 'negotiating', 'agreed', 'producing', 'abandoned')),
    proposed_by TEXT NOT NULL REFERENCES parties (code),
    created_at TEXT NOT NULL CHECK (length(created_at) = 24),
    updated_at TEXT NOT NULL CHECK (length(updated_at) = 24),
    CHECK (manufacturer <> partner)
);

CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    organization TEXT NOT NULL REFERENCES parties (code),
    title TEXT NOT NULL,
    held_on TEXT NOT NULL CHECK (length(held_on) = 10),
    created_at TEXT NOT NULL CHECK (length(created_at) = 24),
    updated_at TEXT NOT NULL CHECK (length(updated_at) = 24)
);

CREATE TABLE meeting_parties (
    meeting INTEGER NOT NULL REFERENCES meetings (id),
    party TEXT NOT NULL REFERENCES parties (code),
    PRIMARY KEY (meeting, party)
);

-- A commitment made at a meeting: a pledge, an offer, an agreement or a partnership.
CREATE TABLE meeting_outcomes (
    id INTEGER PRIMARY KEY,
    meeting INTEGER NOT NULL REFERENCES meetings (id),
    kind TEXT NOT NULL CHECK (kind IN ('pledge', 'agreement', 'partnership', 'offer')),
    object_id INTEGER NOT NULL,
    linked_at TEXT NOT NULL CHECK (length(linked_at) = 24),
    UNIQUE (meeting, kind, object_id)
);
