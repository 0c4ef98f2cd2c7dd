import { test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { infrastructureDot } from '../../../src/visualize/infra-dot.js';
import { distributionDot } from '../../../src/visualize/distribution-dot.js';
import { visualizeServices, visualizeInfrastructure, visualizeDistribution } from './fixtures.js';
test('x', () => {
  console.log(infrastructureDot(visualizeInfrastructure));
  const d = distributionDot(visualizeServices, visualizeInfrastructure, visualizeDistribution);
  console.log(d); writeFileSync('/tmp/dist.dot', d);
});
