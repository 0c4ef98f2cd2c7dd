{
  "ids" = {
    "ports" = {
      "testService2" = 3000;
      "testService3" = 3000;
    };
  };
  "lastAssignmentsPerTarget" = {
    "testtarget1" = {
      "ports" = 3000;
    };
    "testtarget2" = {
      "ports" = 3000;
    };
  };
}