// libjpeg(-turbo) with an error manager that longjmps back instead of calling exit().
// Only C structs and objects created before setjmp live in this frame, so the jump
// skips no destructor.
#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <jpeglib.h>

#include "smp/io/input_error.h"
#include "smp/photo/decode.h"
#include "smp/photo/pixel_limit.h"

namespace smp {
namespace {

struct JpegErrors {
  jpeg_error_mgr mgr;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

[[noreturn]] void on_error(j_common_ptr cinfo) {
  auto* e = reinterpret_cast<JpegErrors*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, e->message);
  std::longjmp(e->jump, 1);
}

// libjpeg only warns on truncated or corrupt entropy data and fills the rest with grey;
// a clinic photo with a grey band is wrong, so warnings are errors.
void on_message(j_common_ptr cinfo, int level) {
  if (level < 0) on_error(cinfo);
}

struct Decompressor {
  jpeg_decompress_struct cinfo{};
  ~Decompressor() { jpeg_destroy_decompress(&cinfo); }
};

constexpr int kExifMarker = JPEG_APP0 + 1;
constexpr int kIccMarker = JPEG_APP0 + 2;

}  // namespace

DecodedImage decode_jpeg(std::string_view bytes, const std::string& path, double max_megapixels) {
  DecodedImage out;
  Decompressor d;
  JpegErrors errors;
  d.cinfo.err = jpeg_std_error(&errors.mgr);
  errors.mgr.error_exit = on_error;
  errors.mgr.emit_message = on_message;
  if (setjmp(errors.jump))
    throw InputError(
        path, 0, "",
        std::string("cannot read the JPEG, it is corrupt, truncated or unsupported (libjpeg: ") +
            errors.message + ")");

  jpeg_create_decompress(&d.cinfo);
  jpeg_mem_src(&d.cinfo, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  jpeg_save_markers(&d.cinfo, kExifMarker, 0xFFFF);
  jpeg_save_markers(&d.cinfo, kIccMarker, 0xFFFF);
  jpeg_read_header(&d.cinfo, TRUE);
  check_pixel_limit(path, d.cinfo.image_width, d.cinfo.image_height, max_megapixels);

  for (jpeg_saved_marker_ptr m = d.cinfo.marker_list; m != nullptr; m = m->next)
    if (m->marker == kExifMarker && m->data_length > 6 &&
        std::memcmp(m->data, "Exif\0\0", 6) == 0 && out.exif.empty())
      out.exif.assign(m->data, m->data + m->data_length);
  JOCTET* icc = nullptr;
  unsigned int icc_size = 0;
  if (jpeg_read_icc_profile(&d.cinfo, &icc, &icc_size)) {
    out.icc.assign(icc, icc + icc_size);
    std::free(icc);
  }

  // Greyscale and YCbCr come out as RGB; CMYK cannot and is reported as an error.
  d.cinfo.out_color_space = JCS_RGB;
  jpeg_start_decompress(&d.cinfo);
  out.rgb8.create(static_cast<int>(d.cinfo.output_height), static_cast<int>(d.cinfo.output_width),
                  CV_8UC3);
  while (d.cinfo.output_scanline < d.cinfo.output_height) {
    JSAMPROW row = out.rgb8.ptr(static_cast<int>(d.cinfo.output_scanline));
    jpeg_read_scanlines(&d.cinfo, &row, 1);
  }
  jpeg_finish_decompress(&d.cinfo);
  return out;
}

}  // namespace smp
