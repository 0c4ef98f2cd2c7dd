// A custom filter catalogue for YAML and JavaScript policies: the reference filters plus 'clear'.
export default ({ referenceFilters, lib }) => ({
  ...referenceFilters,
  clear: ({ distribution }) => lib.mapAttrs(() => [], distribution),
});
