// augment.nix as a JavaScript module.
export default ({ infrastructure, lib }) =>
  lib.mapAttrs((name, target) => ({ ...target, properties: { ...target.properties, augment: 'augment' } }), infrastructure);
