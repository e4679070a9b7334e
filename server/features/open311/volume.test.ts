import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/app.js';
import { seedOpen311Categories } from './test-data.js';
import { errors, json, xml } from './test-helpers.js';

type Req = Record<string, unknown> & { service_request_id: string };

describe('GET requests at volume', () => {
  it('answers at most 1,000 requests by default; the rest on the next page', async () => {
    const big = await buildTestApp();
    try {
      const fixture = await seedOpen311Categories(big.deps);
      const m = big.config.municipality;
      const now = big.deps.now();
      await big.db.query(
        `INSERT INTO reports (municipality_id, reference, category_id, status, description, public_description, lat, lon,
                              location_method, created_at, updated_at)
         SELECT $1, $2 || lpad(g::text, 6, '0'), $3, 'received', 'intern', 'öffentlich', 52.015, 8.53, 'map',
                $4::timestamptz - g * interval '1 minute', $4::timestamptz - g * interval '1 minute'
           FROM generate_series(1, 1005) g`,
        [m.id, `${m.id.toUpperCase()}-`, fixture.wasteId, now],
      );
      const first = json<Req[]>(await big.app.inject('/open311/v2/requests.json'), 200);
      expect(first).toHaveLength(1000);
      expect(first[0]?.service_request_id).toBe(`${m.id.toUpperCase()}-000001`);
      const second = json<Req[]>(await big.app.inject('/open311/v2/requests.json?page=2'), 200);
      expect(second.map((r) => r.service_request_id)).toEqual(
        [1001, 1002, 1003, 1004, 1005].map((n) => `${m.id.toUpperCase()}-00${n}`),
      );
      const x = xml<{ request: unknown[] }>(await big.app.inject('/open311/v2/requests.xml'), 200, 'service_requests');
      expect(x.request).toHaveLength(1000);
      expect(
        errors(
          await big.app.inject(
            `/open311/v2/requests.json?service_request_id=${Array.from({ length: 1001 }, (_, i) => `x${i}`).join(',')}`,
          ),
          400,
        ),
      ).toEqual(['service_request_id: Bitte fragen Sie höchstens 1.000 Meldungen auf einmal ab.']);
    } finally {
      await big.close();
    }
  });
});
