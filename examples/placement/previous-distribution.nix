# Where the services ran before (on all five machines of infrastructure.nix). Targets are named
# by string, so the file still evaluates after a machine has left.
{infrastructure}:

{
  frontend-a = [ "web1" ];
  frontend-b = [ "web3" ];
  api-a = [ "web1" ];
  api-b = [ "web3" ];
  cache = [ "web2" ];
  queue = [ "web2" ];
  worker = [ "web2" ];
  db-primary = [ "data1" ];
  db-replica = [ "data2" ];
}
