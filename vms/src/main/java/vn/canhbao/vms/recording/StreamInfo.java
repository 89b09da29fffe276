package vn.canhbao.vms.recording;

/**
 * The source's video stream as probed by FFmpeg.
 *
 * @param index stream index in the input
 * @param codec FFmpeg codec name, e.g. {@code h264}
 * @param width pixels
 * @param height pixels
 */
record StreamInfo(int index, String codec, int width, int height) {}
