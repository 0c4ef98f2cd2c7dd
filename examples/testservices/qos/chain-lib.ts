// chain-lib.nix as a TypeScript policy.
type Distribution = Record<string, (string | { target: string; container?: string })[]>;

interface Arguments {
  services: Record<string, unknown>;
  infrastructure: Record<string, unknown>;
  initialDistribution: Distribution;
  filters: Record<string, (args: object) => any>;
}

export default async function policy({ services, infrastructure, initialDistribution, filters }: Arguments): Promise<Distribution> {
  const inZone: Distribution = filters.mapListOnAttr({
    services,
    infrastructure,
    distribution: initialDistribution,
    servicePropertyList: 'requireZones',
    targetProperty: 'zone',
  });
  const divided: Distribution = await filters.divide({
    strategy: 'greedy',
    services,
    infrastructure,
    distribution: inZone,
    serviceProperty: 'requireMem',
    targetProperty: 'mem',
  });
  return {
    ...divided,
    testService2: Object.keys(infrastructure).filter((t) => t !== 'testtarget1'),
    testService3: [...divided.testService3, 'testtarget1'],
  };
}
