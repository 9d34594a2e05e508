// An error in an input file (case file, price book, questionnaire, design folder): which
// file, which line and which field, so the clinic can fix it.
#pragma once

#include <stdexcept>
#include <string>

namespace smp {

class InputError : public std::runtime_error {
 public:
  // line 0: the whole file (cannot open it, or a problem not tied to one line). file "":
  // a command-line value, named by `field` ("--state").
  InputError(std::string file, int line, std::string field, const std::string& message);
  const std::string& file() const { return file_; }
  int line() const { return line_; }
  const std::string& field() const { return field_; }
  const std::string& message() const { return message_; }  // without file, line and field

 private:
  std::string file_, message_;
  int line_;
  std::string field_;
};

// The whole file as text; InputError naming `what` ("case file") if it cannot be read.
std::string read_text_file(const std::string& path, const std::string& what);

}  // namespace smp
