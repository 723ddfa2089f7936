-- Custom migration (drizzle-kit generate --custom): the running aggregates of
-- SQLite's migrations 0014 and 0015, kept by plpgsql triggers in the statement
-- that writes the row, whoever writes it. Same tables, same sums, same
-- quarter-hour grid (created_at - created_at % 900000, epoch milliseconds).
--
-- next_settled_seq(): the ledger's settle numbers in commit order (see
-- model_call_settle_counter in src/store/pg/schema.ts); called in the
-- statement that settles a row, so a row is numbered exactly when it settles.
--
-- Concurrency: SQLite has one writer at a time; here two transactions may
-- settle calls of one ticket at once. "Is this the ticket's first call"
-- is therefore read from the ticket_spend upsert itself (which waits on the
-- row another transaction is writing), not from a NOT EXISTS that both
-- could pass.
CREATE FUNCTION next_settled_seq() RETURNS bigint LANGUAGE sql VOLATILE AS $$
  INSERT INTO model_call_settle_counter AS c (id, last) VALUES (1, 1)
  ON CONFLICT (id) DO UPDATE SET last = c.last + 1
  RETURNING last
$$;
--> statement-breakpoint
CREATE FUNCTION model_calls_settled() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ticket_platform text := '';
  ticket_channel text := '';
  spend_key integer;
  first_call boolean := false;
  first_second_opinion boolean := false;
  bucket bigint := NEW.created_at - NEW.created_at % 900000;
  inserted boolean;
  second_opinions integer;
BEGIN
  -- A row counts once, when it is settled: written settled, or closed from in_flight.
  IF NEW.outcome = 'in_flight' OR (TG_OP = 'UPDATE' AND OLD.outcome <> 'in_flight') THEN
    RETURN NULL;
  END IF;
  IF NEW.ticket_id IS NOT NULL THEN
    SELECT platform, channel_id INTO ticket_platform, ticket_channel FROM tickets WHERE id = NEW.ticket_id;
    IF NOT NEW.shadow THEN
      INSERT INTO ticket_spend AS s (ticket_id, opened_at, calls, second_opinion_calls, cost_nanos, estimated_cost_nanos)
      SELECT id, created_at, 1, (NEW.stage = 'second_opinion')::int, NEW.cost_nanos, coalesce(NEW.estimated_cost_nanos, 0)
      FROM tickets WHERE id = NEW.ticket_id
      ON CONFLICT (ticket_id) DO UPDATE SET
        calls = s.calls + 1,
        second_opinion_calls = s.second_opinion_calls + excluded.second_opinion_calls,
        cost_nanos = s.cost_nanos + excluded.cost_nanos,
        estimated_cost_nanos = s.estimated_cost_nanos + excluded.estimated_cost_nanos
      RETURNING (xmax = 0), s.second_opinion_calls INTO inserted, second_opinions;
      first_call := inserted;
      first_second_opinion := NEW.stage = 'second_opinion' AND second_opinions = 1;
    END IF;
  END IF;
  ticket_platform := coalesce(ticket_platform, '');
  ticket_channel := coalesce(ticket_channel, '');
  -- Looked up before inserting, so the key's identity sequence is not spent on every call.
  SELECT id INTO spend_key FROM spend_keys
  WHERE tier = NEW.tier AND model = NEW.model AND stage = NEW.stage AND platform = ticket_platform AND channel_id = ticket_channel AND shadow = NEW.shadow;
  IF spend_key IS NULL THEN
    INSERT INTO spend_keys (tier, model, stage, platform, channel_id, shadow)
    VALUES (NEW.tier, NEW.model, NEW.stage, ticket_platform, ticket_channel, NEW.shadow)
    ON CONFLICT DO NOTHING
    RETURNING id INTO spend_key;
    IF spend_key IS NULL THEN
      SELECT id INTO spend_key FROM spend_keys
      WHERE tier = NEW.tier AND model = NEW.model AND stage = NEW.stage AND platform = ticket_platform AND channel_id = ticket_channel AND shadow = NEW.shadow;
    END IF;
    IF spend_key IS NULL THEN
      -- Another transaction's key, invisible to this snapshot: the caller retries.
      RAISE EXCEPTION 'spend key of a concurrent transaction not visible' USING ERRCODE = 'serialization_failure';
    END IF;
  END IF;
  INSERT INTO spend_buckets AS b (key_id, starts_at, ends_at, calls, failed_calls, input_tokens, cached_input_tokens, output_tokens, reasoning_tokens, cost_nanos, estimated_cost_nanos, new_tickets, new_second_opinions)
  VALUES (spend_key, bucket, bucket + 900000, 1, (NEW.outcome <> 'ok')::int, NEW.input_tokens, NEW.cached_input_tokens, NEW.output_tokens, NEW.reasoning_tokens,
    NEW.cost_nanos, coalesce(NEW.estimated_cost_nanos, 0), first_call::int, first_second_opinion::int)
  ON CONFLICT (key_id, starts_at, ends_at) DO UPDATE SET
    calls = b.calls + excluded.calls,
    failed_calls = b.failed_calls + excluded.failed_calls,
    input_tokens = b.input_tokens + excluded.input_tokens,
    cached_input_tokens = b.cached_input_tokens + excluded.cached_input_tokens,
    output_tokens = b.output_tokens + excluded.output_tokens,
    reasoning_tokens = b.reasoning_tokens + excluded.reasoning_tokens,
    cost_nanos = b.cost_nanos + excluded.cost_nanos,
    estimated_cost_nanos = b.estimated_cost_nanos + excluded.estimated_cost_nanos,
    new_tickets = b.new_tickets + excluded.new_tickets,
    new_second_opinions = b.new_second_opinions + excluded.new_second_opinions;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER model_calls_settled AFTER INSERT OR UPDATE OF outcome ON model_calls
FOR EACH ROW EXECUTE FUNCTION model_calls_settled();
--> statement-breakpoint
-- Tickets per quarter hour opened, by status and urgency now ('' before triage).
CREATE FUNCTION tickets_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.status IS NOT DISTINCT FROM NEW.status AND OLD.urgency IS NOT DISTINCT FROM NEW.urgency THEN
      RETURN NULL;
    END IF;
    UPDATE ticket_count_buckets SET tickets = tickets - 1
    WHERE starts_at = OLD.created_at - OLD.created_at % 900000 AND status = OLD.status AND urgency = coalesce(OLD.urgency, '');
  END IF;
  INSERT INTO ticket_count_buckets AS b (starts_at, status, urgency, tickets)
  VALUES (NEW.created_at - NEW.created_at % 900000, NEW.status, coalesce(NEW.urgency, ''), 1)
  ON CONFLICT (starts_at, status, urgency) DO UPDATE SET tickets = b.tickets + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tickets_counted AFTER INSERT OR UPDATE OF status, urgency ON tickets
FOR EACH ROW EXECUTE FUNCTION tickets_counted();
--> statement-breakpoint
-- Tickets routed for a reason, in the quarter hour of the ticket's first decision with that route and code.
-- Two decisions of one ticket saved at once would both pass the NOT EXISTS below: a lock per ticket
-- (held to commit) makes the second wait, and its next statement sees the first's row.
CREATE FUNCTION routing_decisions_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1920297063, NEW.ticket_id);
  INSERT INTO decision_reason_buckets AS b (route, code, starts_at, tickets)
  SELECT DISTINCT NEW.route, r.code, NEW.created_at - NEW.created_at % 900000, 1
  FROM jsonb_array_elements_text(NEW.reasons) AS r(code)
  WHERE NOT EXISTS (
    SELECT 1 FROM routing_decisions d, jsonb_array_elements_text(d.reasons) AS e(code)
    WHERE d.ticket_id = NEW.ticket_id AND d.id <> NEW.id AND d.route = NEW.route AND e.code = r.code
  )
  ON CONFLICT (route, code, starts_at) DO UPDATE SET tickets = b.tickets + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER routing_decisions_counted AFTER INSERT ON routing_decisions
FOR EACH ROW EXECUTE FUNCTION routing_decisions_counted();
