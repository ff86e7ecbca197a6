-- Users and their notes. Every foreign key is the leading column of an index, so deleting a user
-- (ON DELETE CASCADE) and listing a user's notes never scan the whole notes table.
CREATE TABLE users (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9_-]{1,64}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE notes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id text NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  body text NOT NULL CHECK (char_length(body) <= 10000),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX notes_user_id_id_idx ON notes (user_id, id DESC);
CREATE INDEX notes_created_at_idx ON notes (created_at);
