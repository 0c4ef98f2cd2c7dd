# Every service on every target, the verbose way (with explicit containers).
{infrastructure}:

{
  testService1 = { targets = [ { target = infrastructure.testtarget1; } { target = infrastructure.testtarget2; } ]; };
  testService2 = { targets = [ { target = infrastructure.testtarget1; container = "echo"; } { target = infrastructure.testtarget2; container = "echo"; } ]; };
  testService3 = [ infrastructure.testtarget1 infrastructure.testtarget2 ];
}
