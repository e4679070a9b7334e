import { describe, expect, it } from 'vitest';
import {
  closedStatuses,
  isClosedStatus,
  isOpenStatus,
  isReportStatus,
  openStatuses,
  reportStatuses,
  statusSchema,
} from './statuses.js';

describe('report statuses', () => {
  it('splits every status into exactly one of open and closed', () => {
    expect([...openStatuses, ...closedStatuses].sort()).toEqual([...reportStatuses].sort());
    for (const s of reportStatuses) expect(isOpenStatus(s) !== isClosedStatus(s), s).toBe(true);
    expect(isReportStatus('in_progress')).toBe(true);
    expect(isReportStatus('open')).toBe(false);
  });

  it('builds a schema of one literal per status', () => {
    const schema = statusSchema(closedStatuses);
    expect(schema.anyOf.map((s) => s.const)).toEqual(['done', 'rejected', 'external']);
  });
});
