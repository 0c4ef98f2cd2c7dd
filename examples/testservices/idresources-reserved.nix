# dyplan's additions to the ID resources model: IDs that are never handed out, and no reuse of
# freed IDs (suggested for UIDs and GIDs, whose files outlive their services).
{
  ports = {
    min = 3000;
    max = 4000;
    reserved = [ 3000 { min = 3002; max = 3004; } ];
  };
  uids = {
    min = 2000;
    max = 3000;
    noReuse = true;
  };
}
