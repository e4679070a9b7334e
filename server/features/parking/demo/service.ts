import type { Deps } from '../../../platform/deps.js';
import { seedParkingDemoData } from './seed.js';
import { runSimulatedFeed } from './simulate-feed.js';

export { runSimulatedFeed };

/**
 * The parking demo: Bielefeld's garages with `weeks` of simulated history (once), then a first simulated reading
 * so the pages are live at once. Returns the number of facilities added (0 when there were some already).
 */
export async function seedParkingDemo(deps: Deps, options: { weeks?: number } = {}): Promise<number> {
  const added = await seedParkingDemoData(deps, options);
  if (added > 0) await runSimulatedFeed(deps);
  return added;
}
