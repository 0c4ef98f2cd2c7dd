/**
 * The largest diagram of bench/data: the 10,000-service candidate distribution (every service
 * drawn on each of its candidate targets: 28,085 placements, 147,790 links) goes through the
 * pinned layout and the printer without overflowing the stack (it did: `edges.push(...edges)`).
 * One ForceAtlas2 iteration keeps it quick; the positions are not the point here. The full
 * `visualize-distribution --format svg` on it is measured by hand (README, Pictures).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployModels, type DeployInstance } from '../../../bench/deploy-models.js';
import { benchData } from '../../../bench/data-dir.js';
import { loadModels } from '../../../models/load.js';
import { countNodes, distributionGraph, distributionLayout, printDot } from '../../../src/dot/index.js';
import { pinnedGraph } from '../../../src/render/index.js';

describe('a 10,000-service candidate distribution', () => {
  it('is laid out and printed whole', async () => {
    const instance = JSON.parse(
      readFileSync(benchData('deploy/clustered-n10000-k400-s1.json'), 'utf8'),
    ) as DeployInstance;
    const dir = mkdtempSync(join(tmpdir(), 'dyplan-large-diagram-'));
    for (const [name, value] of Object.entries(deployModels(instance)))
      writeFileSync(join(dir, `${name}.json`), JSON.stringify(value));
    const models = await loadModels({
      services: join(dir, 'services.json'),
      infrastructure: join(dir, 'infrastructure.json'),
      distribution: join(dir, 'distribution.json'),
    });
    const layout = distributionLayout(models.services, models.distribution);
    expect(layout.placements).toHaveLength(28_085);
    expect(layout.links).toHaveLength(147_790);

    const graph = distributionGraph(models.services, models.infrastructure, models.distribution);
    const dot = printDot(pinnedGraph(graph, { iterations: 1 }));
    // Every placement pinned (plus one legend node per target drawn), every link drawn.
    const pinned = dot.match(/pos="-?[\d.]+,-?[\d.]+!"/g) ?? [];
    expect(pinned.length).toBeGreaterThanOrEqual(countNodes(graph));
    expect(dot.match(/" -> "/g)).toHaveLength(layout.links.length);
  });
});
