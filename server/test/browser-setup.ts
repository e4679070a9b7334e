import { chromium } from 'playwright-core';
import { launchOptions } from './chromium.js';

/** Launches one Chromium for all browser test files of a run (fewer launches on a loaded machine). */
export default async function setup({ provide }: { provide: (key: 'browserWsEndpoint', value: string) => void }) {
  const server = await chromium.launchServer(launchOptions);
  provide('browserWsEndpoint', server.wsEndpoint());
  return () => server.close();
}
