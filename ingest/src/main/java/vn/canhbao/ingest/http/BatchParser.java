package vn.canhbao.ingest.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vn.canhbao.contracts.ContractViolation;

/**
 * Splits an upload body into SenML packs without interpreting them, keeping each pack's original
 * bytes (validation is the {@code SenmlCodec}'s job, pack by pack). Pure and thread-safe.
 *
 * <ul>
 *   <li>{@link Format#NDJSON} ({@code application/x-ndjson}): one pack per line; blank lines are
 *       skipped; a broken line is just one bad pack, the others still count. The recommended format
 *       for long backlogs.
 *   <li>{@link Format#JSON_ARRAY} ({@code application/json}): a JSON array of packs, {@code
 *       [[...],[...]]}. The body must be well-formed JSON as a whole, else it is refused entirely
 *       with the position of the error.
 * </ul>
 */
public final class BatchParser {
    private static final JsonFactory JSON = new JsonFactory();

    /** How packs are laid out in the body. */
    public enum Format {
        NDJSON,
        JSON_ARRAY
    }

    private final int maxPacks;

    public BatchParser(int maxPacks) {
        if (maxPacks <= 0) {
            throw new IllegalArgumentException("maxPacks must be positive, got " + maxPacks);
        }
        this.maxPacks = maxPacks;
    }

    /**
     * @return each pack's bytes, in body order (not validated)
     * @throws ContractViolation field {@code body} when the body cannot be split into packs, or
     *     holds more than {@code maxPacks}
     */
    public List<byte[]> split(byte[] body, Format format) {
        List<byte[]> packs = format == Format.NDJSON ? lines(body) : array(body);
        if (packs.isEmpty()) {
            throw new ContractViolation(
                    "body", body.length + " bytes", "expected at least one pack");
        }
        return packs;
    }

    private List<byte[]> lines(byte[] body) {
        List<byte[]> packs = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                int end = i;
                if (end > start && body[end - 1] == '\r') {
                    end--;
                }
                if (!blank(body, start, end)) {
                    add(packs, Arrays.copyOfRange(body, start, end));
                }
                start = i + 1;
            }
        }
        return packs;
    }

    private static boolean blank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private List<byte[]> array(byte[] body) {
        List<byte[]> packs = new ArrayList<>();
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new ContractViolation(
                        "body", excerpt(body), "expected a JSON array of SenML packs");
            }
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) {
                    throw new ContractViolation("body", excerpt(body), "unterminated JSON array");
                }
                int from = (int) p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                int to = (int) p.currentLocation().getByteOffset();
                add(packs, Arrays.copyOfRange(body, from, to));
            }
            if (p.nextToken() != null) {
                throw new ContractViolation(
                        "body", excerpt(body), "unexpected content after the array of packs");
            }
        } catch (IOException e) {
            throw new ContractViolation("body", excerpt(body), "not valid JSON: " + firstLine(e));
        }
        return packs;
    }

    private void add(List<byte[]> packs, byte[] pack) {
        if (packs.size() >= maxPacks) {
            throw new ContractViolation(
                    "body",
                    "more than " + maxPacks + " packs",
                    "more than the limit of " + maxPacks);
        }
        packs.add(pack);
    }

    private static String excerpt(byte[] body) {
        int n = Math.min(body.length, 60);
        return new String(body, 0, n, java.nio.charset.StandardCharsets.UTF_8)
                + (body.length > n ? "…" : "");
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
