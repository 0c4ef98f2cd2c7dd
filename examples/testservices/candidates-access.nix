# The candidates left by the requireAccess/access filter: testService3 only on the private target.
{infrastructure}:

{
  testService1 = [ "testtarget1" "testtarget2" ];
  testService2 = [ "testtarget1" "testtarget2" ];
  testService3 = [ "testtarget2" ];
}
