#include "smp/io/input_error.h"

#include <fstream>
#include <sstream>

namespace smp {

InputError::InputError(std::string file, int line, std::string field, const std::string& message)
    : std::runtime_error((file.empty() ? "" : file + ":" + std::to_string(line) + ": ") +
                         (field.empty() ? "" : field + ": ") + message),
      file_(std::move(file)),
      message_(message),
      line_(line),
      field_(std::move(field)) {}

std::string read_text_file(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "", "cannot open the " + what);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace smp
