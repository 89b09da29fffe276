package vn.canhbao.vms.recording;

/**
 * Receives each segment once its file is complete and renamed. Called on the recorder thread of the
 * camera, in segment order. An exception thrown here is logged by the recorder and the recording
 * goes on; the file stays on disk.
 */
@FunctionalInterface
public interface SegmentSink {
    void segmentClosed(ClosedSegment segment);
}
