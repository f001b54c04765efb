-- How many writes each person's records have had, bumped in the transaction of every write
-- (beside its audit row). A read replica may answer for a person only when it has caught up
-- with the primary's count, so a person's own fresh write is never hidden by replica lag.
CREATE TABLE person_writes (
    person_id INTEGER PRIMARY KEY REFERENCES people (id),
    seq       INTEGER NOT NULL
);
