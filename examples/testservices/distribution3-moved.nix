# distribution3.nix after testService2 moved to testtarget2, where testService3 already runs: with
# machine-scope ports both had 3000 (docs/compatibility.md §7.7, issue 11's migration case).
{infrastructure}:

{
  testService2 = [ infrastructure.testtarget2 ];
  testService3 = [ infrastructure.testtarget2 ];
}
