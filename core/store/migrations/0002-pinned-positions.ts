/**
 * Schema 2: a position remembers whether a person placed it by hand (`pinned`), so the pins
 * survive Save and reopen and auto-layout keeps those nodes where they were put.
 */
export const sql = `
ALTER TABLE positions ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1));
`;
