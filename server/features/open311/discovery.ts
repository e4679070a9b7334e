import type { Deps } from '../../platform/deps.js';
import { w3cDateTime } from './datetime.js';
import type { Open311Context } from './service.js';
import { servicesChangedAt } from './service.js';

export const specification = 'http://wiki.open311.org/GeoReport_v2';

/**
 * The discovery document (Open311 Service Discovery): contact, where to get a key, and our one GeoReport v2
 * endpoint. Its changeset moves whenever a category (a service or its definition) changes.
 */
export async function discovery(deps: Deps, ctx: Open311Context) {
  const m = deps.config.municipality;
  const changed = await servicesChangedAt(deps);
  const changeset = w3cDateTime(changed ?? new Date(0), m.timeZone);
  const params = { name: m.officialName, email: m.contact.email, phone: m.contact.phone };
  return {
    changeset,
    contact: ctx.t('open311.discovery.contact', params),
    key_service: ctx.t('open311.discovery.keyService', params),
    endpoints: [
      {
        specification,
        url: `${deps.config.publicUrl.replace(/\/$/, '')}/open311/v2`,
        changeset,
        type: deps.config.env === 'production' ? 'production' : 'test',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}
