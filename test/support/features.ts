import { features, type FeaturePorts } from '../../src/features';
import type { FeatureModule } from '../../src/platform/teams/actionTypes';

/**
 * Every feature module as the router sees it, for tests of the router's shape (verbs, commands,
 * phrasings). Their ports are never reached: no handler runs in those tests.
 */
export function allFeatures(): FeatureModule[] {
  return features({} as FeaturePorts);
}
