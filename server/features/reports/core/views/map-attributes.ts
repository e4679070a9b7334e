import { assetUrl } from '../../../../platform/views/assets.js';
import type { PageContext } from '../../../../platform/views/context.js';
import { tileLayerAttributes } from '../../../maps/service.js';
import { closedStatuses, type ReportStatus } from '../statuses.js';

/** The marker groups of the maps (shape and colour), in the order of the legend. */
export const markerGroups = ['new', 'working', 'closed'] as const;
export type MarkerGroup = (typeof markerGroups)[number];

/** Which group's marker a report of a status gets. */
export const markerGroupOf: Record<ReportStatus, MarkerGroup> = {
  received: 'new',
  forwarded: 'new',
  accepted: 'working',
  in_progress: 'working',
  ...(Object.fromEntries(closedStatuses.map((s) => [s, 'closed'])) as Record<
    (typeof closedStatuses)[number],
    'closed'
  >),
};

/**
 * The data attributes every map of client/reports-map.ts reads (start view, tiles or district outlines, control
 * labels), from the municipality's configuration and the page's language. Spread them onto the element:
 * `<div data-reports-map data-src="/api/reports/map.geojson?…" {...mapAttributes(ctx)}>`.
 */
export function mapAttributes(ctx: PageContext): Record<string, string> {
  const { t } = ctx.i18n;
  const m = ctx.municipality.map;
  const attrs: Record<string, string> = {
    'data-lat': String(m.lat),
    'data-lon': String(m.lon),
    'data-zoom': String(m.zoom),
    // Without tiles the map draws the districts on a plain background, so it still works.
    'data-districts': '/api/districts',
    'data-label': t('reports.map.label'),
    'data-msg-keys': t('reports.map.keys'),
    'data-msg-zoom-in': t('reports.map.zoomIn'),
    'data-msg-zoom-out': t('reports.map.zoomOut'),
    'data-msg-count-one': t('reports.map.count', { count: 1 }),
    'data-msg-count-other': t('reports.map.count', { count: 2 }),
    'data-msg-none': t('reports.map.none'),
    'data-msg-error': t('reports.map.error'),
    'data-msg-tiles-unavailable': t('maps.unavailable'),
    'data-msg-attribution': t('maps.attribution'),
    'data-marker-groups': JSON.stringify(markerGroupOf),
    // Our own tile URL (/tiles/…); without tiles the map draws the districts on a plain background.
    ...tileLayerAttributes(ctx.municipality),
  };
  return attrs;
}

/** Stylesheet and script a page with a map of reports adds to its Layout (`styles`, `scripts`). */
export function reportsMapAssets(): { styles: string[]; scripts: string[] } {
  return { styles: [assetUrl('reports.css')], scripts: [assetUrl('reports-map.js')] };
}

/** Stylesheet and script of the report form (it has its own map: the location picker). */
export function reportFormAssets(): { styles: string[]; scripts: string[] } {
  return { styles: [assetUrl('reports.css')], scripts: [assetUrl('report-form.js')] };
}
