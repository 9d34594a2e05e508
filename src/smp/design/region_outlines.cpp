#include "smp/design/region_outlines.h"

#include <opencv2/imgproc.hpp>

namespace smp {

std::vector<RegionOutline> region_outlines(const ScalpRaster& raster, double tolerance_mm, double min_area_cm2) {
  const ChartGrid& grid = raster.grid;
  const int n = grid.size();
  const double cells_per_cm2 = 100.0 / (grid.cell_mm * grid.cell_mm);
  std::vector<RegionOutline> out;
  cv::Mat mask(n, n, CV_8U);
  for (int r = 0; r < kRegionCount; ++r) {
    bool any = false;
    for (int row = 0; row < n; ++row) {
      auto* line = mask.ptr<std::uint8_t>(row);
      for (int col = 0; col < n; ++col) {
        line[col] = raster.region[raster.index(col, row)] == r ? 255 : 0;
        any = any || line[col];
      }
    }
    if (!any) continue;
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(mask, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
    RegionOutline outline{static_cast<Region>(r), {}};
    for (const std::vector<cv::Point>& contour : contours) {
      if (cv::contourArea(contour) < min_area_cm2 * cells_per_cm2) continue;
      std::vector<cv::Point> simple;
      cv::approxPolyDP(contour, simple, tolerance_mm / grid.cell_mm, /*closed=*/true);
      std::vector<ChartPoint>& ring = outline.rings.emplace_back();
      for (const cv::Point& p : simple) ring.push_back(grid.center(p.x, p.y));  // x: column, y: row
    }
    if (!outline.rings.empty()) out.push_back(std::move(outline));
  }
  return out;
}

}  // namespace smp
