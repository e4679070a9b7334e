/**
 * The report form's place, location first: the map (with the open reports around and "use my location"), the
 * address and the landmark search side by side, all at once. The way used last is the report's way: a pin set on
 * the map (method map or gps), a chosen or typed address, a chosen or typed landmark. A chosen address or
 * landmark centres the map on it. Each way remembers its own point.
 */
import { showOpenReports } from './report-nearby-map.js';
import { initLocationPicker, type LocationPicker } from './reports-map.js';

type Way = 'map' | 'address' | 'landmark';
type Point = { lat: number; lon: number };

function field(form: HTMLFormElement, name: string): HTMLInputElement | null {
  return form.querySelector<HTMLInputElement>(`[name="${CSS.escape(name)}"]`);
}

export interface LocationState {
  way(): Way | undefined;
  point(): Point | undefined;
  method(): string;
}

export function initLocation(form: HTMLFormElement, onChange: () => void): LocationState {
  const panels = new Map<Way, HTMLElement>();
  for (const way of ['map', 'address', 'landmark'] as const) {
    const panel = form.querySelector<HTMLElement>(`[data-location-way="${way}"]`);
    if (panel) panels.set(way, panel);
  }
  const pickerEl = form.querySelector<HTMLElement>('[data-location-picker]');
  const picker: LocationPicker | undefined = pickerEl ? initLocationPicker(pickerEl) : undefined;
  const lat = field(form, 'lat');
  const lon = field(form, 'lon');
  const method = field(form, 'locationMethod');
  const points: Partial<Record<Way, Point>> = {};
  let current: Way | undefined;

  const setPoint = (p: Point | undefined) => {
    if (lat) lat.value = p ? String(p.lat) : '';
    if (lon) lon.value = p ? String(p.lon) : '';
  };
  const use = (way: Way) => {
    current = way;
    form.dataset.locationWay = way;
    if (way === 'map') {
      const p = picker?.point();
      setPoint(p);
      if (method) method.value = p?.method ?? 'map';
    } else {
      setPoint(points[way]);
      if (method) method.value = way;
    }
    onChange();
  };

  // Every way is shown at once (the scriptless choice of ways is not needed), the map first.
  for (const panel of panels.values()) panel.hidden = false;
  picker?.show();
  const map = picker?.map();
  if (map && pickerEl?.dataset.reportsSrc) {
    showOpenReports(map, pickerEl.dataset.reportsSrc, form.querySelector<HTMLElement>('[data-picker-reports]'));
  }

  // A pin set on the map (click, drag, keyboard, "my location").
  form.addEventListener('location-change', () => use('map'));
  // A chosen suggestion (address or landmark) carries its coordinates; the map shows the place.
  form.addEventListener('address-select', (e) => {
    const detail = (e as CustomEvent<{ lat: number; lon: number }>).detail;
    const way: Way = (e.target as HTMLElement).closest('[data-landmark-field]') ? 'landmark' : 'address';
    points[way] = { lat: detail.lat, lon: detail.lon };
    picker?.preview(detail.lat, detail.lon);
    use(way);
  });
  for (const way of ['address', 'landmark'] as const) {
    const panel = panels.get(way);
    // Typing is using this way (a typed address or landmark is looked up when the report is sent).
    panel?.addEventListener('input', (e) => {
      delete points[way];
      if ((e.target as HTMLInputElement).value.trim()) use(way);
      else if (current === way) use('map');
    });
    // Enter in these fields never sends the whole form (with suggestions open it takes the first one).
    panel?.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.target as HTMLElement).matches('input[type="text"]')) e.preventDefault();
    });
  }

  // A form shown again (an error, a step) keeps the way that was used.
  const given = method?.value === 'gps' ? 'map' : (method?.value as Way | undefined);
  const start: Way | undefined =
    given && panels.has(given)
      ? given
      : field(form, 'address')?.value
        ? 'address'
        : field(form, 'landmark')?.value
          ? 'landmark'
          : lat?.value
            ? 'map'
            : undefined;
  if (start) {
    current = start;
    if (method && start !== 'map') method.value = start;
  }

  return {
    way: () => current,
    point() {
      const la = Number(lat?.value);
      const lo = Number(lon?.value);
      return lat?.value && lon?.value && Number.isFinite(la) && Number.isFinite(lo) ? { lat: la, lon: lo } : undefined;
    },
    method: () => method?.value || current || 'map',
  };
}
