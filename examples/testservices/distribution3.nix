{infrastructure}:

{
  testService2 = [ infrastructure.testtarget1 ];
  testService3 = [ infrastructure.testtarget2 ];
}
