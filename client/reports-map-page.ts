// Pages with maps (public map, back-office inbox, Wertstoffhöfe, a report's public page): every `[data-reports-map]`
// element becomes a map of reports, every `[data-place-map]` a still map of one place.
import { initAllMaps } from './reports-map.js';

initAllMaps(document);
