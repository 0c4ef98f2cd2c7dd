# A custom filter catalogue (-F): the reference filters plus 'clear', which removes every target.
{pkgs, referenceFilters}:

referenceFilters // {
  clear = {distribution}: pkgs.lib.mapAttrs (serviceName: targets: []) distribution;
}
