import type { PositionDto } from '../../contract/dto';
import type { SqlConnection } from '../connection';

/** Where each element is drawn on the canvas (the layout). */
export class PositionRepository {
  constructor(private readonly sql: SqlConnection) {}

  read(): PositionDto[] {
    return this.sql.all('SELECT element_id, x, y FROM positions ORDER BY rowid').map(([id, x, y]) => ({ elementId: String(id), x: Number(x), y: Number(y) }));
  }

  /** Stores positions, replacing those of the same elements. */
  write(positions: readonly PositionDto[]): void {
    this.sql.insertMany(
      'INSERT INTO positions (element_id, x, y) VALUES (?, ?, ?) ON CONFLICT (element_id) DO UPDATE SET x = excluded.x, y = excluded.y',
      positions,
      (p) => [p.elementId, p.x, p.y],
    );
  }
}
