// Compiled with the geometry layer's include roots only (tests/CMakeLists.txt): it must
// not compile, because the render layer sits above geometry (docs/architecture.md).
#include "smp/render/simulation.h"
