import type { PositionDto } from '../../contract/dto';
import type { SqlConnection } from '../connection';

/** Where each element is drawn on the canvas (the layout), and whether it was placed by hand. */
export class PositionRepository {
  constructor(private readonly sql: SqlConnection) {}

  read(): PositionDto[] {
    return this.sql
      .all('SELECT element_id, x, y, pinned FROM positions ORDER BY rowid')
      .map(([id, x, y, pinned]) => ({ elementId: String(id), x: Number(x), y: Number(y), ...(Number(pinned) === 1 ? { pinned: true } : {}) }));
  }

  /**
   * Stores positions, replacing those of the same elements. A position without `pinned` keeps
   * the stored flag (auto-layout moves a node without unpinning it); a new one is not pinned.
   */
  write(positions: readonly PositionDto[]): void {
    this.sql.insertMany(
      'INSERT INTO positions (element_id, x, y, pinned) VALUES (?1, ?2, ?3, COALESCE(?4, 0)) ON CONFLICT (element_id) DO UPDATE SET x = excluded.x, y = excluded.y, pinned = COALESCE(?4, positions.pinned)',
      positions,
      (p) => [p.elementId, p.x, p.y, p.pinned === undefined ? null : p.pinned ? 1 : 0],
    );
  }
}
