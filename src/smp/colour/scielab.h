// S-CIELAB (Zhang and Wandell 1996): an image as the eye sees it from a distance. The
// image goes to an opponent space (luminance, red-green, blue-yellow), each channel is
// blurred by its spatial spread function in degrees of visual angle, and the result goes
// back to XYZ, where CIELAB and CIEDE2000 apply.
#pragma once

#include <opencv2/core.hpp>

namespace smp {

// Pixels in one degree of visual angle for square pixels of pixel_size_mm seen from
// viewing_distance_m.
double pixels_per_degree(double pixel_size_mm, double viewing_distance_m);

// xyz: CV_32FC3 or CV_64FC3 with channels X, Y, Z. Returns filtered XYZ (CV_32FC3).
cv::Mat scielab_filter_xyz(const cv::Mat& xyz, double pixels_per_degree);

// Lab of each pixel of an XYZ image (CV_32FC3 in, CV_32FC3 out with L, a, b).
cv::Mat lab_image(const cv::Mat& xyz);

}  // namespace smp
