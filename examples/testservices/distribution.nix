{infrastructure}:

{
  testService1 = [ infrastructure.testtarget1 ];
  testService2 = [ infrastructure.testtarget2 ];
  testService3 = [ infrastructure.testtarget2 ];
}
