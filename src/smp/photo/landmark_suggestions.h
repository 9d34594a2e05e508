// Landmark suggestions on a front photo: the face and the eyes found by OpenCV's Haar
// cascades (Debian opencv-data), the pupils, lateral canthi, glabella and nasion placed
// from them. A starting point the clinic checks and corrects, never a measurement
// (docs/photo.md "Landmark suggestions").
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "smp/photo/photo_landmarks.h"
#include "smp/photo/photo_parameters.h"

namespace smp {

struct LandmarkSuggestions {
  int width_px = 0, height_px = 0;  // the photo's
  int faces_found = 0;
  std::optional<cv::Rect> face;                // the one used (the largest), photo px
  std::vector<cv::Rect> eyes;                  // the eyes used (0-2), photo px
  std::map<PhotoLandmark, ImagePoint> points;  // empty when no face was found
  std::vector<std::string> notes;              // what was not found or was guessed
};

// Finds the face and the eyes on an upright 8-bit BGR front photo and places the
// landmarks. std::invalid_argument for another image type; std::runtime_error naming the
// path (and the opencv-data package) when a cascade file is missing.
LandmarkSuggestions suggest_landmarks(const cv::Mat& bgr8,
                                      const LandmarkSuggestionParameters& p = {});

// The suggestions as a landmarks file (docs/photo.md), view "front", points to 0.1 px,
// with a header asking to check them and the notes as comments.
std::string landmarks_toml(const LandmarkSuggestions& s);
// Writes landmarks_toml through a temporary file renamed over `path`.
void write_suggested_landmarks(const std::filesystem::path& path, const LandmarkSuggestions& s);

}  // namespace smp
