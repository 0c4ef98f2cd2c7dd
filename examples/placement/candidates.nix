# Candidate targets: the databases only on the data machines, the rest anywhere but on them.
{infrastructure}:

let
  web = [ infrastructure.web1 infrastructure.web2 infrastructure.web3 ];
  data = [ infrastructure.data1 infrastructure.data2 ];
in
{
  frontend-a = web;
  frontend-b = web;
  api-a = web ++ data;
  api-b = web ++ data;
  cache = web ++ data;
  queue = web;
  worker = web ++ data;
  db-primary = data;
  db-replica = data;
}
