-- Local users of the web UI: a name, a role (as API tokens have) and the password's Argon2id hash (PHC string,
-- salt and parameters included). The password itself is never stored.
CREATE TABLE users (
    name          VARCHAR PRIMARY KEY,
    role          VARCHAR NOT NULL,
    password_hash VARCHAR NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    disabled_at   TIMESTAMP);
