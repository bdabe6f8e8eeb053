-- Every computed round keeps its answer's certificate (crates/allocation/CERTIFICATE.md)
-- beside its input and proposal, so that anyone who may read the round can check the
-- proposal with `equidose check` without trusting the engine. Cleared with them.
ALTER TABLE rounds ADD COLUMN certificate TEXT;
