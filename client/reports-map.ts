/**
 * Maps of the Mängelmelder on Leaflet: a map of reports for any page, and the location picker of the report form.
 * The map is never the only way: pages list the same reports, the form takes an address or a landmark too.
 *
 * Common data attributes (server/features/reports/core/views/map-attributes.ts writes them from the configuration):
 *   data-lat, data-lon, data-zoom   start view (required)
 *   data-tile-url                   tile template on our own origin (/tiles/{z}/{x}/{y}.png); without it the map
 *                                   shows the districts' outlines (data-districts, GeoJSON) on a plain background
 *   data-tile-attribution           the credit the tiles require (shown in the map's corner)
 *   data-tile-min-zoom, -max-zoom   zoom levels the server has tiles for (closer zooms enlarge the last level)
 *   data-tile-bounds                west,south,east,north: tiles are only requested inside this area
 *   data-msg-tiles-unavailable      shown above the map (and announced) when no tile loads; the districts'
 *                                   outlines are drawn instead, markers and the pin keep working
 *   data-districts                  URL of the districts as GeoJSON (default /api/districts)
 *   data-label                      accessible name of the map region; data-msg-keys: how to use it by keyboard
 *   data-msg-zoom-in, data-msg-zoom-out   labels of the zoom buttons
 *
 * 1. `<div data-reports-map data-src="/api/reports/map.geojson?status=open">` — a map of reports. The GeoJSON is
 *    loaded for the visible area (`&bbox=minLon,minLat,maxLon,maxLat` appended) and again after every move. Each
 *    feature is a marker that links to `properties.url`, named by `properties.title` or category name and
 *    reference. Optional: data-status-labels (JSON status → words, added to the marker names),
 *    data-msg-count-one / data-msg-count-other ("{count} …", announced after loading), data-msg-none,
 *    data-msg-error. The element's own children (a fallback text) are hidden once the map runs. It dispatches
 *    `reports-map-data` (detail: { features }) after each load. data-marker-groups (JSON status → new | working |
 *    closed) gives markers the shape and colour of their group (the page's legend explains them).
 *
 * 2. `<div data-location-picker data-lat-input="lat" data-lon-input="lon" data-method-input="locationMethod">` — the
 *    form's location picker: click or drag the pin, or move the map by keyboard and press Enter (or the "centre"
 *    button), or "use my position". It writes the inputs of those names in its form (method "map" or "gps") and
 *    dispatches `location-change` (detail: { lat, lon, method }). Texts: data-msg-locate, -locating,
 *    -locate-failed, -center, -marker, -chosen ("{place}"), -chosen-near, -outside, -instructions;
 *    data-reverse: URL of the reverse address lookup (?lat=&lon=) that names the chosen point.
 *
 * 3. `<div data-place-map data-lat data-lon data-zoom data-marker-label>` — a small map of one place that does not
 *    move (a report's public page): an image with a marker, named by data-label. Its children (the place in words)
 *    are hidden once the map runs.
 */
import * as L from 'leaflet';

export interface MapOptions {
  /** The element the Leaflet map is drawn into (a child of the data-* element, or the element itself). */
  canvas: HTMLElement;
  /** The element with the data attributes. */
  source: HTMLElement;
  /** Id of instructions the page already shows (else the keyboard help from data-msg-keys is added). */
  describedBy?: string;
  /** A picture of a place, not a map to explore: no controls, no dragging, no zoom, not focusable. */
  still?: boolean;
}

const fallbackText = {
  de: {
    label: 'Karte',
    keys: 'Mit den Pfeiltasten verschieben, mit Plus und Minus zoomen.',
    zoomIn: 'Vergrößern',
    zoomOut: 'Verkleinern',
    unavailable: 'Die Hintergrundkarte ist gerade nicht verfügbar.',
  },
  en: {
    label: 'Map',
    keys: 'Move with the arrow keys, zoom with plus and minus.',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    unavailable: 'The background map is not available at the moment.',
  },
};

function text(el: HTMLElement, key: string, fallback: string): string {
  return el.dataset[key] ?? fallback;
}

let counter = 0;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** west,south,east,north → Leaflet bounds; undefined when missing or malformed. */
function boundsOf(raw: string | undefined): L.LatLngBounds | undefined {
  const n = (raw ?? '').split(',').map(Number);
  if (n.length !== 4 || n.some((v) => !Number.isFinite(v))) return undefined;
  const [w, s, e, north] = n as [number, number, number, number];
  return L.latLngBounds([s, w], [north, e]);
}

/** A Leaflet map with the configured tiles (or district outlines), keyboard help and labelled zoom buttons. */
export function createMap({ canvas, source, describedBy, still = false }: MapOptions): L.Map {
  const lang = document.documentElement.lang === 'en' ? 'en' : 'de';
  const defaults = fallbackText[lang];
  const data = source.dataset;
  const center = L.latLng(Number(data.lat ?? 0), Number(data.lon ?? 0));
  const map = L.map(canvas, {
    center,
    zoom: Number(data.zoom ?? 12),
    zoomControl: false,
    attributionControl: false,
    minZoom: 9,
    ...(still
      ? {
          dragging: false,
          keyboard: false,
          scrollWheelZoom: false,
          doubleClickZoom: false,
          touchZoom: false,
          boxZoom: false,
        }
      : {}),
  });
  const container = map.getContainer();
  if (still) {
    container.setAttribute('role', 'img');
    container.setAttribute('aria-label', text(source, 'label', defaults.label));
  } else {
    L.control
      .zoom({
        zoomInTitle: text(source, 'msgZoomIn', defaults.zoomIn),
        zoomOutTitle: text(source, 'msgZoomOut', defaults.zoomOut),
      })
      .addTo(map);
    let helpId = describedBy;
    if (!helpId) {
      helpId = `bs-map-help-${++counter}`;
      const help = document.createElement('p');
      help.id = helpId;
      help.className = 'kern-hint bs-map__help';
      help.textContent = text(source, 'msgKeys', defaults.keys);
      container.before(help);
    }
    container.setAttribute('role', 'region');
    container.setAttribute('aria-label', text(source, 'label', defaults.label));
    container.setAttribute('aria-describedby', helpId);
  }

  const districts = data.districts ?? '/api/districts';
  if (data.tileUrl) {
    container.classList.add('bs-map--tiles');
    const bounds = boundsOf(data.tileBounds);
    const layer = L.tileLayer(data.tileUrl, {
      maxZoom: 19,
      maxNativeZoom: Number(data.tileMaxZoom ?? 18),
      minZoom: Number(data.tileMinZoom ?? 0),
      ...(bounds ? { bounds } : {}),
      attribution: escapeHtml(data.tileAttribution ?? ''),
    }).addTo(map);
    if (data.tileAttribution) L.control.attribution({ prefix: false }).addTo(map);
    watchTiles(map, layer, source, defaults.unavailable, districts);
  } else {
    container.classList.add('bs-map--plain');
    void drawDistricts(map, districts);
  }
  return map;
}

/**
 * Says plainly (above the map, and to screen readers) when no background tile loads, e.g. on a machine without
 * internet, and draws the districts' outlines instead; the notice goes once tiles load again.
 */
function watchTiles(map: L.Map, layer: L.TileLayer, source: HTMLElement, fallback: string, districts: string): void {
  const container = map.getContainer();
  const notice = document.createElement('p');
  notice.className = 'bs-map__notice';
  notice.setAttribute('role', 'status');
  container.before(notice);
  let loaded = 0;
  let outlines = false;
  const show = (unavailable: boolean) => {
    const message = unavailable ? text(source, 'msgTilesUnavailable', fallback) : '';
    if (notice.textContent !== message) notice.textContent = message;
    container.classList.toggle('bs-map--no-tiles', unavailable);
    if (unavailable && !outlines) {
      outlines = true;
      void drawDistricts(map, districts);
    }
  };
  layer.on('loading', () => {
    loaded = 0;
  });
  layer.on('tileload', () => {
    loaded++;
    show(false);
  });
  layer.on('tileerror', () => {
    if (loaded === 0) show(true);
  });
}

/** The districts' outlines and names: orientation when there are no tiles. */
async function drawDistricts(map: L.Map, url: string): Promise<void> {
  try {
    const res = await fetch(url, { headers: { accept: 'application/geo+json, application/json' } });
    if (!res.ok) return;
    const geojson = (await res.json()) as Parameters<typeof L.geoJSON>[0];
    L.geoJSON(geojson, {
      interactive: false,
      style: { className: 'bs-map-district', weight: 2, fillOpacity: 0.05 },
      onEachFeature: (feature, layer) => {
        const name = (feature.properties as { name?: string } | null)?.name;
        if (name) layer.bindTooltip(name, { permanent: true, direction: 'center', className: 'bs-map-district-label' });
      },
    }).addTo(map);
  } catch {
    // Without outlines the map still works: the pin and the coordinates do not depend on them.
  }
}

interface ReportFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: {
    url?: string;
    title?: string;
    reference?: string;
    status?: string;
    category?: { name?: string | { de?: string; en?: string } } | string;
  };
}

function categoryName(p: ReportFeature['properties']): string {
  const c = p.category;
  if (!c) return '';
  if (typeof c === 'string') return c;
  const name = c.name;
  if (typeof name === 'string') return name;
  const lang = document.documentElement.lang === 'en' ? 'en' : 'de';
  return name?.[lang] ?? name?.de ?? '';
}

function markerFor(
  feature: ReportFeature,
  statusLabels: Record<string, string>,
  groups: Record<string, string>,
): L.Marker {
  const [lon, lat] = feature.geometry.coordinates;
  const p = feature.properties;
  const status = p.status ? (statusLabels[p.status] ?? '') : '';
  const name = p.title ?? [categoryName(p), p.reference, status].filter(Boolean).join(', ');
  const link = document.createElement('a');
  const group = p.status ? groups[p.status] : undefined;
  link.className = `bs-map-marker__link bs-map-marker--${(p.status ?? 'unknown').replace(/[^a-z_]/g, '')}`;
  if (group) link.classList.add(`bs-map-symbol--${group.replace(/[^a-z]/g, '')}`);
  link.href = p.url ?? '#';
  link.setAttribute('aria-label', name);
  link.title = name;
  const icon = L.divIcon({ className: 'bs-map-marker', html: link, iconSize: [28, 28], iconAnchor: [14, 14] });
  // The link inside is the focusable part; the marker itself stays out of the tab order.
  return L.marker([lat, lon], { icon, keyboard: false });
}

/** A JSON object of strings from a data attribute; empty when missing or malformed. */
function jsonRecord(raw: string | undefined): Record<string, string> {
  try {
    const value = JSON.parse(raw ?? '{}') as unknown;
    return value && typeof value === 'object' ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Enhances one `[data-reports-map]` element. */
export function initReportsMap(el: HTMLElement): L.Map | undefined {
  if (el.dataset.enhanced === 'true' || !el.dataset.src) return undefined;
  el.dataset.enhanced = 'true';
  for (const child of Array.from(el.children)) (child as HTMLElement).hidden = true;
  const canvas = document.createElement('div');
  canvas.className = 'bs-map__canvas';
  el.append(canvas);
  const map = createMap({ canvas, source: el });
  const status = document.createElement('p');
  status.className = 'kern-sr-only';
  status.setAttribute('role', 'status');
  el.append(status);
  const statusLabels = jsonRecord(el.dataset.statusLabels);
  const groups = jsonRecord(el.dataset.markerGroups);
  const markers = L.layerGroup().addTo(map);
  const plural = new Intl.PluralRules(document.documentElement.lang || 'de');
  let request: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const load = async () => {
    request?.abort();
    const current = new AbortController();
    request = current;
    const b = map.getBounds();
    const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((n) => n.toFixed(5)).join(',');
    const src = el.dataset.src ?? '';
    const url = `${src}${src.includes('?') ? '&' : '?'}bbox=${bbox}`;
    try {
      const res = await fetch(url, {
        headers: { accept: 'application/geo+json, application/json' },
        signal: current.signal,
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = (await res.json()) as { features?: ReportFeature[] };
      const features = (body.features ?? []).filter((f) => f.geometry?.type === 'Point');
      markers.clearLayers();
      for (const f of features) markers.addLayer(markerFor(f, statusLabels, groups));
      const n = features.length;
      const message =
        n === 0
          ? (el.dataset.msgNone ?? '')
          : (el.dataset[plural.select(n) === 'one' ? 'msgCountOne' : 'msgCountOther'] ?? '').replace(
              '{count}',
              String(n),
            );
      status.textContent = message;
      el.dispatchEvent(new CustomEvent('reports-map-data', { detail: { features }, bubbles: true }));
    } catch (err) {
      if ((err as Error).name === 'AbortError') return;
      status.textContent = el.dataset.msgError ?? '';
    }
  };
  map.on('moveend', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(), 250);
  });
  void load();
  return map;
}

/** Enhances every map of reports below root. */
export function initReportsMaps(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-reports-map]')) initReportsMap(el);
}

/** Enhances one `[data-place-map]` element: a still map of one place with its marker. */
export function initPlaceMap(el: HTMLElement): L.Map | undefined {
  const lat = Number(el.dataset.lat);
  const lon = Number(el.dataset.lon);
  if (el.dataset.enhanced === 'true' || !Number.isFinite(lat) || !Number.isFinite(lon)) return undefined;
  el.dataset.enhanced = 'true';
  for (const child of Array.from(el.children)) (child as HTMLElement).hidden = true;
  const canvas = document.createElement('div');
  canvas.className = 'bs-place-map__canvas';
  el.append(canvas);
  const map = createMap({ canvas, source: el, still: true });
  const icon = L.divIcon({
    className: 'bs-map-pin',
    html: '<span class="bs-map-pin__head"></span>',
    iconSize: [32, 40],
    iconAnchor: [16, 40],
  });
  L.marker([lat, lon], { icon, interactive: false, keyboard: false }).addTo(map);
  return map;
}

/** Enhances every map of reports and every still map of a place below root. */
export function initAllMaps(root: ParentNode): void {
  initReportsMaps(root);
  for (const el of root.querySelectorAll<HTMLElement>('[data-place-map]')) initPlaceMap(el);
}

export interface LocationPicker {
  /** Shows the map (created on first show, when its size is known). */
  show(): void;
  /** Puts the pin at a point found another way (address, landmark) without claiming it as the map's choice. */
  preview(lat: number, lon: number): void;
  /** The picked point, if any. */
  point(): { lat: number; lon: number; method: 'map' | 'gps' } | undefined;
  /** The Leaflet map once shown (for layers of other modules, e.g. open reports nearby). */
  map(): L.Map | undefined;
}

/** Enhances the form's `[data-location-picker]` element. */
export function initLocationPicker(el: HTMLElement): LocationPicker {
  const data = el.dataset;
  const form = el.closest('form');
  const input = (name: string | undefined) =>
    name ? (form?.querySelector<HTMLInputElement>(`input[name="${CSS.escape(name)}"]`) ?? null) : null;
  const latInput = input(data.latInput ?? 'lat');
  const lonInput = input(data.lonInput ?? 'lon');
  const methodInput = input(data.methodInput ?? 'locationMethod');
  let map: L.Map | undefined;
  let marker: L.Marker | undefined;
  let picked: { lat: number; lon: number; method: 'map' | 'gps' } | undefined;
  let reverse: AbortController | undefined;

  const instructions = document.createElement('p');
  instructions.id = `${el.id || 'location-picker'}-instructions`;
  instructions.className = 'kern-body';
  instructions.textContent = data.msgInstructions ?? '';
  const canvas = document.createElement('div');
  canvas.className = 'bs-location-picker__map';
  const actions = document.createElement('div');
  actions.className = 'bs-actions bs-location-picker__actions';
  const status = document.createElement('p');
  status.className = 'kern-body bs-location-picker__status';
  status.setAttribute('role', 'status');
  const button = (label: string, onClick: () => void) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'kern-btn kern-btn--secondary';
    const span = document.createElement('span');
    span.className = 'kern-label';
    span.textContent = label;
    b.append(span);
    b.addEventListener('click', onClick);
    actions.append(b);
    return b;
  };
  if ('geolocation' in navigator) button(data.msgLocate ?? '', () => locate());
  button(data.msgCenter ?? '', () => map && choose(map.getCenter(), 'map'));
  el.append(instructions, canvas, actions, status);

  const pinIcon = L.divIcon({
    className: 'bs-map-pin',
    html: '<span class="bs-map-pin__head"></span>',
    iconSize: [32, 40],
    iconAnchor: [16, 40],
  });

  function placeMarker(at: L.LatLng): void {
    if (!map) return;
    if (marker) marker.setLatLng(at);
    else {
      marker = L.marker(at, { icon: pinIcon, draggable: true, keyboard: false, title: data.msgMarker ?? '' });
      marker.on('dragend', () => marker && choose(marker.getLatLng(), 'map', false));
      marker.addTo(map);
    }
  }

  function choose(at: L.LatLng, method: 'map' | 'gps', pan = true): void {
    const lat = Math.round(at.lat * 1e6) / 1e6;
    const lon = Math.round(at.lng * 1e6) / 1e6;
    picked = { lat, lon, method };
    placeMarker(L.latLng(lat, lon));
    if (pan) map?.panTo([lat, lon]);
    if (latInput) latInput.value = String(lat);
    if (lonInput) lonInput.value = String(lon);
    if (methodInput) methodInput.value = method;
    status.textContent = (data.msgChosen ?? '{place}').replace('{place}', `${lat.toFixed(5)}, ${lon.toFixed(5)}`);
    void nameThePoint(lat, lon);
    el.dispatchEvent(new CustomEvent('location-change', { detail: { lat, lon, method }, bubbles: true }));
  }

  /** Says where the pin is in words: the nearest address, or that it lies outside the municipality. */
  async function nameThePoint(lat: number, lon: number): Promise<void> {
    if (!data.reverse) return;
    reverse?.abort();
    const current = new AbortController();
    reverse = current;
    try {
      const res = await fetch(`${data.reverse}?lat=${lat}&lon=${lon}`, {
        headers: { accept: 'application/json' },
        signal: current.signal,
      });
      if (res.status === 400) {
        status.textContent = data.msgOutside ?? '';
        return;
      }
      if (!res.ok) return;
      const body = (await res.json()) as { address?: { label?: string } };
      if (body.address?.label && picked?.lat === lat && picked.lon === lon) {
        status.textContent = (data.msgChosenNear ?? '{place}').replace('{place}', body.address.label);
      }
    } catch {
      // The coordinates already said where; the address is a courtesy.
    }
  }

  function locate(): void {
    status.textContent = data.msgLocating ?? '';
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        map?.setView([pos.coords.latitude, pos.coords.longitude], Math.max(map.getZoom(), 17));
        choose(L.latLng(pos.coords.latitude, pos.coords.longitude), 'gps', false);
      },
      () => {
        status.textContent = data.msgLocateFailed ?? '';
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  }

  function create(): void {
    map = createMap({ canvas, source: el, describedBy: instructions.id });
    map.on('click', (e: L.LeafletMouseEvent) => choose(e.latlng, 'map', false));
    // Keyboard: move the map with the arrow keys, then Enter or Space puts the pin in the middle.
    map.getContainer().addEventListener('keydown', (e) => {
      if ((e.key === 'Enter' || e.key === ' ') && e.target === map?.getContainer()) {
        e.preventDefault();
        choose(map.getCenter(), 'map', false);
      }
    });
    const lat = Number(latInput?.value);
    const lon = Number(lonInput?.value);
    const method = methodInput?.value;
    if (latInput?.value && lonInput?.value && Number.isFinite(lat) && Number.isFinite(lon)) {
      // A point found by address or landmark only centres the map; one picked on it gets the pin back.
      map.setView([lat, lon], 17);
      if (method === 'map' || method === 'gps') {
        picked = { lat, lon, method };
        placeMarker(L.latLng(lat, lon));
      }
    }
  }

  return {
    show() {
      if (!map) create();
      else map.invalidateSize();
    },
    preview(lat, lon) {
      if (!map) return;
      map.setView([lat, lon], Math.max(map.getZoom(), 16));
    },
    point: () => picked,
    map: () => map,
  };
}
