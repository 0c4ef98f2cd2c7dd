// chain-lib.nix as a JavaScript policy: a filter, an algorithm step, then plain code over its result.
export default async function ({ services, infrastructure, initialDistribution, filters, lib }) {
  const inZone = filters.mapListOnAttr({
    services,
    infrastructure,
    distribution: initialDistribution,
    servicePropertyList: 'requireZones',
    targetProperty: 'zone',
  });
  const divided = await filters.divide({
    strategy: 'greedy',
    services,
    infrastructure,
    distribution: inZone,
    serviceProperty: 'requireMem',
    targetProperty: 'mem',
  });
  const result = lib.mapAttrs(
    (name, targets) => (name === 'testService3' ? [...targets, 'testtarget1'] : targets),
    divided,
  );
  result.testService2 = lib.attrNames(infrastructure).filter((t) => t !== 'testtarget1');
  return result;
}
