{infrastructure}:

{
  webapp1 = [ infrastructure.test1 ];
  webapp2 = [ infrastructure.test2 ];
}
