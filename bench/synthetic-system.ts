/**
 * Deterministic synthetic systems for the visualisation benchmark and the large-diagram tests:
 * `n` services in a three-level feature-group tree (about 20 services per leaf group), each
 * depending on 1-3 earlier services (mostly of its own group), some `connectsTo` links, about
 * 25 services per target, and a distribution that mostly keeps a group on one target.
 */
import { mulberry32 } from '../algorithms/support/index.js';
import type {
  DistributionModel,
  InfrastructureModel,
  Mapping,
  Service,
  ServicesModel,
} from '../models/types.js';

const TYPES = ['process', 'tomcat-webapplication', 'mysql-database', 'postgresql-database', 'systemd-unit'];

export interface SyntheticSystem {
  services: ServicesModel;
  infrastructure: InfrastructureModel;
  distribution: DistributionModel;
}

export function syntheticSystem(n: number, seed = 42): SyntheticSystem {
  const rnd = mulberry32(seed);
  const pick = (k: number): number => Math.floor(rnd() * k);
  const width = String(n).length;
  const name = (i: number): string => `svc-${String(i).padStart(width, '0')}`;
  const groupOf = (i: number): string => {
    const leaf = Math.floor(i / 20);
    return `g${Math.floor(leaf / 16)}/g${Math.floor(leaf / 16)}-${Math.floor(leaf / 4) % 4}/g${Math.floor(leaf / 16)}-${Math.floor(leaf / 4) % 4}-${leaf % 4}`;
  };
  const services: ServicesModel = {};
  for (let i = 0; i < n; i++) {
    const dependsOn = new Set<string>();
    const connectsTo = new Set<string>();
    if (i > 0) {
      const deps = 1 + pick(3);
      const blockStart = Math.floor(i / 20) * 20;
      for (let d = 0; d < deps; d++) {
        const j = i > blockStart && rnd() < 0.8 ? blockStart + pick(i - blockStart) : pick(i);
        dependsOn.add(name(j));
      }
      if (rnd() < 0.1) {
        const j = pick(i);
        if (!dependsOn.has(name(j))) connectsTo.add(name(j));
      }
    }
    const type = TYPES[i % TYPES.length];
    const s: Service = {
      name: name(i),
      type,
      dependsOn: [...dependsOn].sort(),
      connectsTo: [...connectsTo].sort(),
      group: groupOf(i),
      description: `Synthetic service ${i}`,
      properties: { name: name(i), type, group: groupOf(i), description: `Synthetic service ${i}` },
    };
    services[s.name] = s;
  }
  const targets = Math.max(1, Math.ceil(n / 25));
  const tname = (t: number): string =>
    `target-${String(t).padStart(String(targets).length, '0')}.example.org`;
  const infrastructure: InfrastructureModel = {};
  for (let t = 0; t < targets; t++) {
    infrastructure[tname(t)] = {
      name: tname(t),
      properties: { hostname: tname(t) },
      containers: { process: {}, 'tomcat-webapplication': {}, 'mysql-database': { mysqlPort: 3306 } },
    };
  }
  const distribution: DistributionModel = {};
  for (let i = 0; i < n; i++) {
    const home = Math.floor(i / 20) % targets;
    const first = rnd() < 0.85 ? home : pick(targets);
    const mappings: Mapping[] = [{ target: tname(first) }];
    if (rnd() < 0.05 && targets > 1) mappings.push({ target: tname((first + 1) % targets) });
    distribution[name(i)] = mappings;
  }
  return { services, infrastructure, distribution };
}
