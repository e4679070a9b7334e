/**
 * Open reports on the report form's location picker: where others have reported already, before the citizen
 * chooses the place. Loaded for the visible area from the public GeoJSON (the same public view as the reports
 * map) and drawn as dots, grid-clustered (a number for several close together; a click zooms in). The dots are
 * orientation only, out of the tab order: the duplicates section lists the nearby reports of the chosen category
 * as links, and a status line says how many are shown.
 */
import * as L from 'leaflet';
import { gridCluster } from './map-cluster.js';

const cellPixels = 56;

interface Feature {
  geometry: { coordinates: [number, number] };
}

/** Draws the open reports of `src` (a GeoJSON URL without bbox) on the picker's map and keeps them current. */
export function showOpenReports(map: L.Map, src: string, status: HTMLElement | null): void {
  const layer = L.layerGroup().addTo(map);
  let points: { lat: number; lon: number }[] = [];
  let request: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const plural = new Intl.PluralRules(document.documentElement.lang || 'de');

  const draw = () => {
    layer.clearLayers();
    const zoom = map.getZoom();
    const projected = points.map((p) => {
      const at = map.project([p.lat, p.lon], zoom);
      return { ...p, x: at.x, y: at.y };
    });
    for (const c of gridCluster(projected, cellPixels)) {
      if (c.count === 1) {
        L.circleMarker([c.lat, c.lon], { radius: 6, className: 'bs-picker-report', interactive: false }).addTo(layer);
        continue;
      }
      const html = document.createElement('span');
      html.textContent = String(c.count);
      const icon = L.divIcon({ className: 'bs-picker-cluster', html, iconSize: [32, 32], iconAnchor: [16, 16] });
      const marker = L.marker([c.lat, c.lon], { icon, keyboard: false });
      marker.on('click', () => map.setView([c.lat, c.lon], Math.min(map.getZoom() + 2, map.getMaxZoom())));
      marker.addTo(layer);
    }
    if (status) {
      const d = status.dataset;
      const message = plural.select(points.length) === 'one' ? d.msgOne : d.msgOther;
      status.textContent = (message ?? '').replace('{count}', String(points.length));
    }
  };

  const load = async () => {
    request?.abort();
    const current = new AbortController();
    request = current;
    const b = map.getBounds();
    const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((n) => n.toFixed(5)).join(',');
    try {
      const res = await fetch(`${src}${src.includes('?') ? '&' : '?'}bbox=${bbox}`, {
        headers: { accept: 'application/geo+json, application/json' },
        signal: current.signal,
      });
      if (!res.ok) return;
      const body = (await res.json()) as { features?: Feature[] };
      points = (body.features ?? []).map((f) => ({ lat: f.geometry.coordinates[1], lon: f.geometry.coordinates[0] }));
      draw();
    } catch {
      // Orientation only: without it the picker still works.
    }
  };

  map.on('zoomend', draw);
  map.on('moveend', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(), 300);
  });
  void load();
}
