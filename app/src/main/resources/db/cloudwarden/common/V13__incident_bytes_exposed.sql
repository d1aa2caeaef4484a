-- The landscape report (issue 15): the bytes an incident's events carried out of the estate (ExposedBytes), kept on
-- its row so a month's total is one sum, not a read of every incident's JSON. NULL for incidents stored before this
-- migration: their bytes were not counted, which is not the same as none.
ALTER TABLE incidents ADD COLUMN bytes_exposed BIGINT;
