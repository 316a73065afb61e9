import { arithmetic } from './arithmetic';
import { weather } from './weather';
import type { AppDefinition } from './types';

/**
 * Every application, statically imported so the same map serves the browser bundle and Node
 * (no filesystem scan, no bundler glob).
 */
export const APPS: Readonly<Record<string, AppDefinition>> = { arithmetic, weather };

let registered = false;

/** Registers every application's own step models with the default registry (idempotent). */
export function registerAppSteps(): void {
  if (registered) return;
  for (const app of Object.values(APPS)) app.registerSteps();
  registered = true;
}
