{
  "testService1" = [
    "testtarget1"
    "testtarget2"
  ];
  "testService2" = [
    "testtarget1"
    "testtarget2"
  ];
  "testService3" = [
    "testtarget1"
    "testtarget2"
  ];
}