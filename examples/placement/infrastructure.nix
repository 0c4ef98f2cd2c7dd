# Five machines for `dyplan place`: three small web machines and two large data machines, with
# their memory (mem, MiB) and CPU (cpu, cores).
{
  web1 = { properties = { hostname = "web1"; mem = 4096; cpu = 4; }; };
  web2 = { properties = { hostname = "web2"; mem = 4096; cpu = 4; }; };
  web3 = { properties = { hostname = "web3"; mem = 4096; cpu = 4; }; };
  data1 = { properties = { hostname = "data1"; mem = 8192; cpu = 8; }; };
  data2 = { properties = { hostname = "data2"; mem = 8192; cpu = 8; }; };
}
