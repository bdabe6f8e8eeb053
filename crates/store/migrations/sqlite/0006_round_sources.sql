-- Where a round's doses come from besides the organization's own stock: the round it follows
-- (`after`: what is left of that round's pool), the holder whose redistribution proposal
-- opened it, and for each pooled lot the pledge to the organization its doses count against.
ALTER TABLE rounds ADD COLUMN after_round INTEGER REFERENCES rounds (id);
ALTER TABLE rounds ADD COLUMN proposed_by TEXT REFERENCES parties (code);
ALTER TABLE round_lots ADD COLUMN pledge INTEGER REFERENCES pledges (id);
CREATE INDEX rounds_by_after_round ON rounds (after_round);
