import { Value } from '@sinclair/typebox/value';
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

  it('builds a schema that accepts exactly the statuses of its list', () => {
    const schema = statusSchema(closedStatuses);
    for (const s of reportStatuses) expect(Value.Check(schema, s), s).toBe(isClosedStatus(s));
    expect(Value.Check(schema, 'open')).toBe(false);
  });
});
