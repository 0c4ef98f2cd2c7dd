# An augmentation model (dyplan augment-infra -a): every target gets properties.augment.
{infrastructure, lib}:

lib.mapAttrs (targetName: target:
  target // { properties = target.properties // { augment = "augment"; }; }
) infrastructure
