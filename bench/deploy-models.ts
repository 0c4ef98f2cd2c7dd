/**
 * Turns a deployment instance of bench/data/deploy (edges + candidate hosts, 0-based)
 * into dyplan models (services, infrastructure, candidate distribution) so the whole CLI can be
 * run on it:  node dist/bench/deploy-models.js INSTANCE.json OUTDIR
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface DeployInstance {
  name: string;
  services: number;
  hosts: number;
  edges: [number, number][];
  candidates: number[][];
}

export function deployModels(instance: DeployInstance) {
  const service = (i: number) => `s${i}`;
  const host = (h: number) => `h${h}`;
  const dependsOn: string[][] = Array.from({ length: instance.services }, () => []);
  for (const [u, v] of instance.edges) dependsOn[u].push(service(v));
  const services = Object.fromEntries(
    dependsOn.map((deps, i) => [service(i), { name: service(i), type: 'process', dependsOn: deps }]),
  );
  const infrastructure = Object.fromEntries(
    Array.from({ length: instance.hosts }, (_, h) => [host(h), { properties: { hostname: host(h) } }]),
  );
  const distribution = Object.fromEntries(instance.candidates.map((c, i) => [service(i), c.map(host)]));
  return { services, infrastructure, distribution };
}

/** Writes services.json, infrastructure.json and distribution.json into `dir`. */
export function writeDeployModels(instanceFile: string, dir: string): void {
  const models = deployModels(JSON.parse(readFileSync(instanceFile, 'utf8')) as DeployInstance);
  mkdirSync(dir, { recursive: true });
  for (const [name, value] of Object.entries(models))
    writeFileSync(join(dir, `${name}.json`), JSON.stringify(value));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [instanceFile, dir] = process.argv.slice(2);
  if (!instanceFile || !dir) {
    console.error('usage: node dist/bench/deploy-models.js INSTANCE.json OUTDIR');
    process.exitCode = 2;
  } else writeDeployModels(instanceFile, dir);
}
