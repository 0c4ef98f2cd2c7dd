# A candidate distribution (dydisnix's initial distribution): every service may run on every target.
{infrastructure}:

{
  testService1 = [ "testtarget1" "testtarget2" ];
  testService2 = [ "testtarget1" "testtarget2" ];
  testService3 = [ "testtarget1" "testtarget2" ];
}
