// Pages with a map of reports (public map, back-office inbox): every `[data-reports-map]` element becomes a map.
import { initReportsMaps } from './reports-map.js';

initReportsMaps(document);
