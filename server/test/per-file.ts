import { afterAll } from 'vitest';
import { closeTestDb } from './app.js';

// Runs in every test file. Files share their worker's loaded modules (isolate: false in vitest.config.ts: importing
// the app once per worker instead of once per file saves minutes per run), so the file's database is closed here
// and the next file starts from its own copy of the template.
afterAll(closeTestDb);
