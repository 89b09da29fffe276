package vn.canhbao.edge.uplink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class PayloadCompressionTest {
    @Test
    void aReusedGzipperWritesStandardGzipForEveryPayload() throws IOException {
        Random r = new Random(7);
        try (PayloadCompression.Gzipper g = new PayloadCompression.Gzipper()) {
            for (int size : new int[] {0, 1, 300, 5_000, 70_000, 300}) {
                byte[] in = new byte[size];
                for (int i = 0; i < size; i++) {
                    in[i] = (byte) (i % 7 == 0 ? r.nextInt() : 'a' + i % 13); // compressible
                }
                byte[] gz = g.gzip(in);
                assertThat(PayloadCompression.isGzip(gz)).isTrue();
                assertThat(gunzip(gz)).as("size %d", size).isEqualTo(in);
                assertThat(gz).as("same as the stream form").isEqualTo(PayloadCompression.gzip(in));
            }
        }
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }
}
