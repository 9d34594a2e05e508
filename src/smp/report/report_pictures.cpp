#include "smp/report/report_pictures.h"

#include <stdexcept>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "smp/base/cancellation.h"
#include "smp/render/parallel.h"

namespace smp {

std::string report_picture_png(const std::string& encoded, const std::string& name) {
  const std::vector<uchar> in(encoded.begin(), encoded.end());
  cv::Mat img = cv::imdecode(in, cv::IMREAD_COLOR);
  if (img.empty()) throw std::runtime_error(name + ": cannot read the picture");
  if (img.cols > kReportPicturePx) {
    const double s = static_cast<double>(kReportPicturePx) / img.cols;
    cv::resize(img, img, {kReportPicturePx, std::max(1, static_cast<int>(img.rows * s))}, 0, 0,
               cv::INTER_AREA);
  }
  std::vector<uchar> bytes;
  if (!cv::imencode(".png", img, bytes)) throw std::runtime_error(name + ": cannot encode");
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

ReportPictures::ReportPictures(const ReportDocument& doc, const OutputFiles& files,
                               const std::stop_token& stop) {
  for (const ReportSection& s : doc.sections)
    for (const Block& b : s.blocks)
      if (const auto* f = std::get_if<Figures>(&b))
        for (const Figure& fig : f->figures) png_[fig.path];
  std::vector<std::map<std::string, std::string>::iterator> todo;
  for (auto it = png_.begin(); it != png_.end(); ++it) todo.push_back(it);
  for_each_parallel(static_cast<int>(todo.size()), [&](int i) {
    throw_if_cancelled(stop);
    const std::string& path = todo[i]->first;
    const auto file = files.find(path);
    if (file == files.end())
      throw std::runtime_error(path + ": cannot read the picture (not among the plan's files)");
    todo[i]->second = report_picture_png(file->second, path);
  });
}

const std::string& ReportPictures::png(const std::string& path) const {
  const auto it = png_.find(path);
  if (it == png_.end()) throw std::runtime_error(path + ": not a picture of the report");
  return it->second;
}

}  // namespace smp
