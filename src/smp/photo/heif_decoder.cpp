// libheif: the primary image of a HEIF file, decoded to interleaved 8-bit RGB.
#include <memory>

#include <libheif/heif.h>

#include "smp/io/input_error.h"
#include "smp/photo/decode.h"
#include "smp/photo/pixel_limit.h"

namespace smp {
namespace {

template <auto Free>
struct HeifDeleter {
  template <class T>
  void operator()(T* p) const {
    Free(p);
  }
};
using Context = std::unique_ptr<heif_context, HeifDeleter<heif_context_free>>;
using Handle = std::unique_ptr<heif_image_handle, HeifDeleter<heif_image_handle_release>>;
using Image = std::unique_ptr<heif_image, HeifDeleter<heif_image_release>>;

void check(heif_error e, const std::string& path) {
  if (e.code == heif_error_Ok) return;
  std::string message = e.message;  // some of libheif's messages end with a newline
  message.erase(message.find_last_not_of(" \n") + 1);
  throw InputError(
      path, 0, "",
      "cannot read the HEIC, it is corrupt, truncated or unsupported (libheif: " + message + ")");
}

}  // namespace

DecodedImage decode_heif(std::string_view bytes, const std::string& path, double max_megapixels) {
  DecodedImage out;
  Context ctx(heif_context_alloc());
  check(heif_context_read_from_memory_without_copy(ctx.get(), bytes.data(), bytes.size(), nullptr),
        path);
  heif_image_handle* raw_handle = nullptr;
  check(heif_context_get_primary_image_handle(ctx.get(), &raw_handle), path);
  Handle handle(raw_handle);
  // The size as displayed (after irot), which is what gets allocated.
  check_pixel_limit(path, heif_image_handle_get_width(handle.get()),
                    heif_image_handle_get_height(handle.get()), max_megapixels);

  switch (heif_image_handle_get_color_profile_type(handle.get())) {
    case heif_color_profile_type_prof:
    case heif_color_profile_type_rICC:
      out.icc.resize(heif_image_handle_get_raw_color_profile_size(handle.get()));
      check(heif_image_handle_get_raw_color_profile(handle.get(), out.icc.data()), path);
      break;
    case heif_color_profile_type_nclx: {
      // Code points instead of a profile; BT.709 primaries (or unspecified) are sRGB's.
      heif_color_profile_nclx* nclx = nullptr;
      check(heif_image_handle_get_nclx_color_profile(handle.get(), &nclx), path);
      const auto primaries = nclx->color_primaries;
      heif_nclx_color_profile_free(nclx);
      if (primaries != heif_color_primaries_ITU_R_BT_709_5 &&
          primaries != heif_color_primaries_unspecified)
        out.notes.push_back("HEIC colour primaries " + std::to_string(primaries) +
                            " (nclx) are not sRGB's; not converted");
      break;
    }
    default: break;
  }

  heif_image* raw_image = nullptr;
  check(heif_decode_image(handle.get(), &raw_image, heif_colorspace_RGB,
                          heif_chroma_interleaved_RGB, nullptr),
        path);
  Image image(raw_image);
  int stride = 0;
  const uint8_t* plane =
      heif_image_get_plane_readonly(image.get(), heif_channel_interleaved, &stride);
  if (plane == nullptr) throw InputError(path, 0, "", "the HEIC decoded to no RGB pixels");
  const int w = heif_image_get_width(image.get(), heif_channel_interleaved);
  const int h = heif_image_get_height(image.get(), heif_channel_interleaved);
  out.rgb8 =
      cv::Mat(h, w, CV_8UC3, const_cast<uint8_t*>(plane), static_cast<std::size_t>(stride)).clone();
  if (heif_image_handle_has_alpha_channel(handle.get()))
    out.notes.push_back("transparency dropped");
  return out;
}

}  // namespace smp
