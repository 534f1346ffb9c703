-- The hub's documents as jsonb, with the columns the engine filters, orders and aggregates by.
-- Instants used in comparisons are UTC ticks (bigint), exact to the tick like the LiteDB store's.
CREATE TABLE messages (
    id text COLLATE "C" PRIMARY KEY,
    tenant text COLLATE "C" NOT NULL,
    channel text COLLATE "C" NOT NULL,
    external_id text COLLATE "C" NOT NULL,
    status text NOT NULL,
    block text,
    category text,
    territory text,
    registered_at bigint NOT NULL,
    due_at bigint,
    version integer NOT NULL,
    doc jsonb NOT NULL,
    CONSTRAINT ux_messages_source UNIQUE (tenant, channel, external_id)
);
CREATE INDEX ix_messages_external_id ON messages (external_id, channel);
CREATE INDEX ix_messages_status ON messages (status);
CREATE INDEX ix_messages_channel ON messages (channel);
CREATE INDEX ix_messages_category ON messages (category);
CREATE INDEX ix_messages_block ON messages (block);
CREATE INDEX ix_messages_registered_at ON messages (registered_at);
CREATE INDEX ix_messages_due_at ON messages (due_at) WHERE due_at IS NOT NULL;
CREATE INDEX ix_messages_recipients ON messages USING gin ((doc -> 'Recipients'));

CREATE TABLE history (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id text COLLATE "C" NOT NULL,
    doc jsonb NOT NULL
);
CREATE INDEX ix_history_message ON history (message_id, id);

-- One row: the last event sequence number. Writers take its row lock for the rest of their transaction, so numbers
-- are assigned and become visible in commit order, without gaps, also across instances.
CREATE TABLE event_counter (
    id integer PRIMARY KEY CHECK (id = 1),
    last bigint NOT NULL
);
INSERT INTO event_counter (id, last) VALUES (1, 0);

CREATE TABLE events (
    sequence bigint PRIMARY KEY,
    doc jsonb NOT NULL
);

CREATE TABLE checkpoints (
    channel text COLLATE "C" PRIMARY KEY,
    value text
);

CREATE TABLE settings (
    key text COLLATE "C" PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE records (
    id text COLLATE "C" PRIMARY KEY,
    channel text COLLATE "C" NOT NULL,
    type text COLLATE "C" NOT NULL,
    occurred_at bigint NOT NULL,
    doc jsonb NOT NULL
);
CREATE INDEX ix_records_type ON records (type);
CREATE INDEX ix_records_occurred_at ON records (occurred_at);

CREATE TABLE outbox (
    id text COLLATE "C" PRIMARY KEY,
    message_id text COLLATE "C" NOT NULL,
    channel text COLLATE "C" NOT NULL,
    state text NOT NULL,
    next_attempt_at bigint NOT NULL,
    changed_at bigint NOT NULL,
    doc jsonb NOT NULL
);
CREATE INDEX ix_outbox_due ON outbox (channel, state, next_attempt_at);
CREATE INDEX ix_outbox_message ON outbox (message_id);
CREATE INDEX ix_outbox_changed ON outbox (changed_at);

CREATE TABLE quarantine (
    id text COLLATE "C" PRIMARY KEY,
    channel text COLLATE "C" NOT NULL,
    state text NOT NULL,
    quarantined_at bigint NOT NULL,
    doc jsonb NOT NULL
);
CREATE INDEX ix_quarantine_state ON quarantine (state, quarantined_at);

-- Which instance runs each channel's connector; taken over once expires_at (database clock) has passed.
CREATE TABLE channel_leases (
    channel text COLLATE "C" PRIMARY KEY,
    owner text NOT NULL,
    acquired_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);

-- Rule set versions, one row per (tenant, version); tenant '' is the default municipality.
CREATE TABLE rule_versions (
    tenant text COLLATE "C" NOT NULL,
    version integer NOT NULL,
    doc text NOT NULL,
    PRIMARY KEY (tenant, version)
);

CREATE TABLE reports (
    id text COLLATE "C" PRIMARY KEY,
    kind text NOT NULL,
    period text NOT NULL,
    doc jsonb NOT NULL
);
CREATE INDEX ix_reports_period ON reports (period);

CREATE TABLE report_files (
    report_id text COLLATE "C" NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
    format text COLLATE "C" NOT NULL,
    content bytea NOT NULL,
    PRIMARY KEY (report_id, format)
);

CREATE TABLE backlog_snapshots (
    id text COLLATE "C" PRIMARY KEY,
    doc jsonb NOT NULL
);

CREATE TABLE audit (
    id text COLLATE "C" PRIMARY KEY,
    tenant text COLLATE "C" NOT NULL,
    doc jsonb NOT NULL
);
CREATE INDEX ix_audit_tenant ON audit (tenant, id);
