// Enhancements for the server-rendered pages. Every page works without this script; it only adds to them.
import { initAddressAutocomplete } from './address-autocomplete.js';
import { initFormConditions } from './form-conditions.js';
import { initMyReports } from './my-reports.js';
import { initNoteTemplates } from './note-templates.js';
import { initParking } from './parking.js';
import { initPushOptIn } from './push-opt-in.js';
import { registerServiceWorker } from './service-worker-registration.js';

initAddressAutocomplete(document);
initFormConditions(document);
initNoteTemplates(document);
initPushOptIn(document);
initMyReports(document);
initParking(document);
registerServiceWorker();
