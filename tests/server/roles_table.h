// docs/roles.md's table as the tests read it, apart from the server's own table.
#pragma once

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace smp {

// permission name -> the four cells (admin, doctor, technician, front desk), "yes" or "-".
inline std::map<std::string, std::vector<std::string>> roles_table() {
  std::ifstream in(std::string(SMP_SOURCE_DIR) + "/docs/roles.md");
  std::map<std::string, std::vector<std::string>> table;
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("| ") || line.starts_with("| permission") || line.starts_with("| ---")) continue;
    std::vector<std::string> cells;
    std::stringstream s(line.substr(1));
    for (std::string cell; std::getline(s, cell, '|');) {
      while (!cell.empty() && cell.front() == ' ') cell.erase(0, 1);
      while (!cell.empty() && cell.back() == ' ') cell.pop_back();
      cells.push_back(cell);
    }
    if (cells.size() >= 6) table[cells[0]] = {cells[2], cells[3], cells[4], cells[5]};
  }
  return table;
}

}  // namespace smp
