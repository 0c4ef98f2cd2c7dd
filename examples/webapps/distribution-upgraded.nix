{infrastructure}:

{
  webapp2 = [ infrastructure.test2 ];
  webapp3 = [ infrastructure.test1 ];
}
