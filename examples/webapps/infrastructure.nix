{
  test1 = {
    properties = {
      hostname = "test1.example.org";
    };
    containers = {
      sysvinit-script = {};
    };
  };

  test2 = {
    properties = {
      hostname = "test2.example.org";
    };
    containers = {
      sysvinit-script = {};
    };
  };
}
