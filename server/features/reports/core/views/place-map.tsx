import type { PageContext } from '../../../../platform/views/context.js';
import { mapAttributes } from './map-attributes.js';

/**
 * A still map of one place with its pin (client/reports-map.ts enhances `[data-place-map]`); empty without
 * JavaScript, so the page says where in words too. `label` names the map for screen readers.
 */
export function PlaceMap({ ctx, lat, lon, label }: { ctx: PageContext; lat: number; lon: number; label: string }) {
  return (
    <div
      class="bs-place-map"
      data-place-map
      {...mapAttributes(ctx)}
      data-lat={String(lat)}
      data-lon={String(lon)}
      data-zoom="16"
      data-label={label}
    />
  );
}
