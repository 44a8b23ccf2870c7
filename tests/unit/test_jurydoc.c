#include "t.h"
#include "doc/jurydoc.h"
TEST(build_only) { CHECK(1); }
