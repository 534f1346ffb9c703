-- Working-cycle documents (roadmaps, fast-track catalogue, surveys, accounts, templates): one table for every type.
CREATE TABLE documents (
    collection text COLLATE "C" NOT NULL,
    id text COLLATE "C" NOT NULL,
    tenant text COLLATE "C" NOT NULL,
    key text COLLATE "C",
    version integer NOT NULL,
    body jsonb NOT NULL,
    PRIMARY KEY (collection, id)
);
CREATE INDEX ix_documents_tenant ON documents (collection, tenant, id);
CREATE INDEX ix_documents_key ON documents (collection, key) WHERE key IS NOT NULL;
