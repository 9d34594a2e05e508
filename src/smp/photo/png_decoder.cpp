// libpng reading from memory; its errors longjmp back to png_jmpbuf (libpng's own way),
// with the message kept for the InputError.
#include <cstdio>
#include <cstring>
#include <new>

#include <png.h>

#include "smp/io/input_error.h"
#include "smp/photo/decode.h"
#include "smp/photo/pixel_limit.h"

namespace smp {
namespace {

struct PngInput {
  std::string_view bytes;
  std::size_t offset = 0;
  char message[256] = "";
};

void read_bytes(png_structp png, png_bytep data, png_size_t length) {
  auto* in = static_cast<PngInput*>(png_get_io_ptr(png));
  if (in->bytes.size() - in->offset < length) png_error(png, "unexpected end of file");
  std::memcpy(data, in->bytes.data() + in->offset, length);
  in->offset += length;
}

[[noreturn]] void on_error(png_structp png, png_const_charp message) {
  auto* in = static_cast<PngInput*>(png_get_error_ptr(png));
  std::snprintf(in->message, sizeof in->message, "%s", message);
  png_longjmp(png, 1);
}

void on_warning(png_structp, png_const_charp) {
}  // ancillary-chunk trouble: the pixels are still right

struct Reader {
  png_structp png = nullptr;
  png_infop info = nullptr;
  ~Reader() { png_destroy_read_struct(&png, &info, nullptr); }
};

}  // namespace

DecodedImage decode_png(std::string_view bytes, const std::string& path, double max_megapixels) {
  DecodedImage out;
  PngInput input{bytes};
  std::vector<png_bytep> rows;  // before setjmp: the jump must skip no destructor
  Reader r;
  r.png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &input, on_error, on_warning);
  if (r.png == nullptr) throw std::bad_alloc();
  r.info = png_create_info_struct(r.png);
  if (r.info == nullptr) throw std::bad_alloc();
  if (setjmp(png_jmpbuf(r.png)))
    throw InputError(path, 0, "",
                     std::string("cannot read the PNG, it is corrupt or truncated (libpng: ") +
                         input.message + ")");

  png_set_read_fn(r.png, &input, read_bytes);
  png_read_info(r.png, r.info);
  check_pixel_limit(path, png_get_image_width(r.png, r.info), png_get_image_height(r.png, r.info),
                    max_megapixels);

  png_charp profile_name = nullptr;
  int compression = 0;
  png_bytep profile = nullptr;
  png_uint_32 profile_size = 0;
  if (png_get_iCCP(r.png, r.info, &profile_name, &compression, &profile, &profile_size))
    out.icc.assign(profile, profile + profile_size);

  // Every PNG colour type to 8-bit RGB: palettes and low-bit grey expanded, grey to RGB,
  // 16 bits rounded down to 8, alpha dropped (a clinic photo has no transparency).
  const int bit_depth = png_get_bit_depth(r.png, r.info);
  const int colour_type = png_get_color_type(r.png, r.info);
  png_set_expand(r.png);
  png_set_gray_to_rgb(r.png);
  if (bit_depth == 16) {
    png_set_scale_16(r.png);
    out.notes.push_back("16 bits per channel reduced to 8");
  }
  if (colour_type & PNG_COLOR_MASK_ALPHA || png_get_valid(r.png, r.info, PNG_INFO_tRNS)) {
    png_set_strip_alpha(r.png);
    out.notes.push_back("transparency dropped");
  }
  png_set_interlace_handling(r.png);
  png_read_update_info(r.png, r.info);

  out.rgb8.create(static_cast<int>(png_get_image_height(r.png, r.info)),
                  static_cast<int>(png_get_image_width(r.png, r.info)), CV_8UC3);
  rows.resize(static_cast<std::size_t>(out.rgb8.rows));
  for (int y = 0; y < out.rgb8.rows; ++y) rows[static_cast<std::size_t>(y)] = out.rgb8.ptr(y);
  png_read_image(r.png, rows.data());
  png_read_end(r.png, nullptr);  // a file cut after the pixels is still truncated
  return out;
}

}  // namespace smp
