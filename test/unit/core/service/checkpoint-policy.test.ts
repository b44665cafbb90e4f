import { describe, expect, it } from 'vitest';
import { CHECKPOINT_BYTES, checkpointDue } from '../../../../core/service/durable-log';

const MB = 1024 * 1024;

describe('checkpoint policy of the change log', () => {
  it('checkpoints a small project once its log passes 8 MB', () => {
    expect(CHECKPOINT_BYTES).toBe(8 * MB);
    expect(checkpointDue(8 * MB, 2 * MB)).toBe(false);
    expect(checkpointDue(8 * MB + 1, 2 * MB)).toBe(true);
    expect(checkpointDue(8 * MB + 1, 0)).toBe(true);
  });

  it('waits on a large project until the log outgrows the file: export bytes never exceed log bytes', () => {
    expect(checkpointDue(9 * MB, 60 * MB)).toBe(false);
    expect(checkpointDue(60 * MB, 60 * MB)).toBe(false);
    expect(checkpointDue(60 * MB + 1, 60 * MB)).toBe(true);
    for (const file of [1, 8, 30, 200].map((n) => n * MB)) {
      // The smallest log that starts a checkpoint is at least as large as what it exports.
      let log = 0;
      while (!checkpointDue(log, file)) log += 64 * 1024;
      expect(log).toBeGreaterThanOrEqual(file);
    }
  });
});
