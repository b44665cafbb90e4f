import { describe, expect, it } from 'vitest';
import { translateSqlError } from '../../../../core/store/sql-errors';

/** What SQLite (sql.js) says, and what a person reads instead: never a table, column or SQL. */
describe('translateSqlError: constraint failures in words', () => {
  const said = (message: string) => translateSqlError(new Error(message)) as { code: string; message: string };

  it('names a duplicate by what it is and where, not by ports.bridge_id, ports.name', () => {
    expect(said('UNIQUE constraint failed: ports.bridge_id, ports.name')).toMatchObject({ code: 'CONFLICT', message: 'A port with this name already exists on this bridge. Choose another name.' });
    expect(said('UNIQUE constraint failed: pops.name')).toMatchObject({ message: 'A PoP with this name already exists in this project. Choose another name.' });
    expect(said('UNIQUE constraint failed: naps.name').message).toBe('A NAP with this name already exists in this project. Choose another name.');
  });

  it('says a reference is missing, and a value out of range by its meaning', () => {
    expect(said('FOREIGN KEY constraint failed')).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('does not exist') });
    expect(said('CHECK constraint failed: of_port IS NULL OR of_port BETWEEN 1 AND 65279')).toMatchObject({ code: 'INVALID_INPUT', message: 'The OpenFlow port number is out of range.' });
  });

  it('never lets SQL or schema words through', () => {
    for (const m of ['UNIQUE constraint failed: ports.bridge_id, ports.name', 'FOREIGN KEY constraint failed', 'CHECK constraint failed: first BETWEEN 1 AND 4094']) {
      expect(said(m).message).not.toMatch(/constraint|foreign key|_id|\bports\.|BETWEEN/i);
    }
  });

  it('passes other errors through', () => {
    const other = new Error('disk I/O error');
    expect(translateSqlError(other)).toBe(other);
  });
});
