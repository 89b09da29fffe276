package vn.canhbao.registry.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * A small client of the registry's REST API (HTTP Basic). Every call answers the status and body;
 * the caller decides what a status means.
 */
final class RegistryClient {
    /** An HTTP answer. */
    record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private static final int CHUNK = 64 * 1024;

    private final URI base;
    private final Optional<String> authorization;
    private final HttpClient http;

    RegistryClient(URI base, Optional<String> user, Optional<String> password) {
        this.base = base;
        this.authorization =
                user.map(
                        u ->
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        (u + ":" + password.orElse(""))
                                                                .getBytes(StandardCharsets.UTF_8)));
        this.http =
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(15))
                        .build();
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    Answer postJson(String path, String json) throws IOException, InterruptedException {
        return send(
                request(path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build());
    }

    /**
     * Posts {@code body} in 64 KiB chunks, reporting the bytes handed to the connection so far to
     * {@code progress} (the upload's progress; the server validates and applies after the last).
     */
    Answer postWithProgress(String path, String contentType, byte[] body, LongConsumer progress)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher chunks =
                HttpRequest.BodyPublishers.fromPublisher(
                        new ChunkPublisher(body, progress), body.length);
        return send(
                request(path)
                        .header("Content-Type", contentType)
                        .timeout(Duration.ofMinutes(10))
                        .POST(chunks)
                        .build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Accept", "application/json, application/problem+json");
        authorization.ifPresent(a -> b.header("Authorization", a));
        return b;
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    /** Publishes a byte array in chunks, on demand, counting what was handed out. */
    private static final class ChunkPublisher implements Flow.Publisher<ByteBuffer> {
        private final byte[] body;
        private final LongConsumer progress;

        ChunkPublisher(byte[] body, LongConsumer progress) {
            this.body = body;
            this.progress = progress;
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            subscriber.onSubscribe(
                    new Flow.Subscription() {
                        private int offset;
                        private boolean done;

                        @Override
                        public synchronized void request(long n) {
                            for (long i = 0; i < n && !done; i++) {
                                if (offset >= body.length) {
                                    done = true;
                                    subscriber.onComplete();
                                    return;
                                }
                                int len = Math.min(CHUNK, body.length - offset);
                                ByteBuffer chunk = ByteBuffer.wrap(body, offset, len);
                                offset += len;
                                progress.accept(offset);
                                subscriber.onNext(chunk);
                            }
                            if (!done && offset >= body.length) {
                                done = true;
                                subscriber.onComplete();
                            }
                        }

                        @Override
                        public synchronized void cancel() {
                            done = true;
                        }
                    });
        }
    }
}
