{
  "testService1" = [
    "testtarget1"
  ];
  "testService2" = [
    "testtarget2"
  ];
  "testService3" = [
    "testtarget2"
  ];
}