//! The tables, their indexes and the full-text search index.

pub(super) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS users (
    seq           INTEGER PRIMARY KEY,
    id            TEXT NOT NULL,
    username      TEXT NOT NULL COLLATE NOCASE,
    full_name     TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
    email         TEXT NOT NULL COLLATE NOCASE,
    active        INTEGER NOT NULL,
    time_zone     TEXT,
    memberships   TEXT NOT NULL DEFAULT '[]',
    preferences   TEXT NOT NULL DEFAULT '{}',
    last_login_at TEXT,
    created_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE IF NOT EXISTS user_roles (
    role     TEXT NOT NULL,
    user_seq INTEGER NOT NULL,
    PRIMARY KEY (role, user_seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS roles (name TEXT PRIMARY KEY, description TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS presence (
    user_seq       INTEGER PRIMARY KEY,
    state          TEXT NOT NULL,
    dnd_until      TEXT,
    status_message TEXT,
    updated_at     TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS idempotency (
    key         TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS users_fts USING fts5(
    username, full_name, email, content='users', content_rowid='seq', tokenize='trigram'
);
";

/// Indexes (the unique ones among them) and triggers, created after a bulk
/// seed: building them once at the end is many times faster than maintaining
/// them row by row. Opening an existing database runs this too, so they are
/// always there while the server answers requests.
pub(super) const INDEXES: &str = "
CREATE UNIQUE INDEX IF NOT EXISTS users_by_id ON users (id);
CREATE UNIQUE INDEX IF NOT EXISTS users_by_username ON users (username);
CREATE UNIQUE INDEX IF NOT EXISTS users_by_email ON users (email);
CREATE INDEX IF NOT EXISTS users_by_full_name ON users (full_name);
CREATE INDEX IF NOT EXISTS users_by_last_login ON users (last_login_at);
CREATE INDEX IF NOT EXISTS users_by_created ON users (created_at);
CREATE INDEX IF NOT EXISTS users_by_active ON users (active, username);
CREATE INDEX IF NOT EXISTS user_roles_by_user ON user_roles (user_seq);
CREATE TRIGGER IF NOT EXISTS users_fts_insert AFTER INSERT ON users BEGIN
    INSERT INTO users_fts (rowid, username, full_name, email) VALUES (new.seq, new.username, new.full_name, new.email);
END;
CREATE TRIGGER IF NOT EXISTS users_fts_update AFTER UPDATE OF username, full_name, email ON users BEGIN
    INSERT INTO users_fts (users_fts, rowid, username, full_name, email) VALUES ('delete', old.seq, old.username, old.full_name, old.email);
    INSERT INTO users_fts (rowid, username, full_name, email) VALUES (new.seq, new.username, new.full_name, new.email);
END;
";
