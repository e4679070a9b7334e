/** The report form's three ways to give the place, as a choice; each way remembers its own point. */
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

/** The three ways as a radio choice; each way remembers its own point (pin, chosen address, chosen landmark). */
export function initLocation(form: HTMLFormElement, onChange: () => void): LocationState {
  const choice = form.querySelector<HTMLElement>('[data-location-choice]');
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
  const show = (way: Way) => {
    current = way;
    for (const [w, panel] of panels) panel.hidden = w !== way;
    const p = way === 'map' ? picker?.point() : points[way];
    if (way === 'map') {
      const elsewhere = points.address ?? points.landmark;
      if (!p && elsewhere) setPoint(elsewhere);
      picker?.show();
      if (p) setPoint(p);
      else if (!elsewhere) setPoint(undefined);
      if (method) method.value = picker?.point()?.method ?? 'map';
    } else {
      setPoint(p);
      if (method) method.value = way;
    }
    onChange();
  };

  // Points of the other ways: a chosen suggestion (address or landmark) carries its coordinates.
  form.addEventListener('address-select', (e) => {
    const detail = (e as CustomEvent<{ lat: number; lon: number }>).detail;
    const way: Way = (e.target as HTMLElement).closest('[data-landmark-field]') ? 'landmark' : 'address';
    points[way] = { lat: detail.lat, lon: detail.lon };
    if (current === way) {
      setPoint(points[way]);
      onChange();
    }
  });
  for (const way of ['address', 'landmark'] as const) {
    panels.get(way)?.addEventListener('input', () => {
      if (!points[way]) return;
      delete points[way];
      if (current === way) setPoint(undefined);
      onChange();
    });
  }
  form.addEventListener('location-change', () => onChange());

  if (choice) {
    choice.hidden = false;
    for (const panel of panels.values()) panel.hidden = true;
    choice.addEventListener('change', (e) => {
      const value = (e.target as HTMLInputElement).value as Way;
      if (panels.has(value)) show(value);
    });
    // A form shown again (an error, a step) opens the way that was used.
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
      const radio = choice.querySelector<HTMLInputElement>(`input[value="${start}"]`);
      if (radio) radio.checked = true;
      show(start);
    }
  }

  return {
    way: () => current,
    point() {
      const la = Number(lat?.value);
      const lo = Number(lon?.value);
      return lat?.value && lon?.value && Number.isFinite(la) && Number.isFinite(lo) ? { lat: la, lon: lo } : undefined;
    },
    method: () => method?.value || current || 'address',
  };
}
