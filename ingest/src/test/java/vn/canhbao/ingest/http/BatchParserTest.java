package vn.canhbao.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.canhbao.contracts.ContractViolation;

class BatchParserTest {
    private final BatchParser parser = new BatchParser(3);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> text(List<byte[]> packs) {
        return packs.stream().map(p -> new String(p, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void ndjsonKeepsEachLineAsItCameSkippingBlankLinesAndCarriageReturns() {
        assertThat(
                        text(
                                parser.split(
                                        b("[1]\r\n\n  \n[{\"v\":2}]\n{bad"),
                                        BatchParser.Format.NDJSON)))
                .containsExactly("[1]", "[{\"v\":2}]", "{bad");
    }

    @Test
    void aJsonArrayIsSplitIntoTheOriginalBytesOfEachPack() {
        assertThat(
                        text(
                                parser.split(
                                        b(" [ [{\"v\": 1}] ,[{\"v\":2}]]"),
                                        BatchParser.Format.JSON_ARRAY)))
                .containsExactly("[{\"v\": 1}]", "[{\"v\":2}]");
    }

    @Test
    void refusesABrokenOrEmptyBodyAndTooManyPacksNamingTheBody() {
        for (String body : List.of("[[1],", "{\"a\":1}", "[] []", "[]")) {
            assertThatThrownBy(() -> parser.split(b(body), BatchParser.Format.JSON_ARRAY))
                    .as(body)
                    .isInstanceOfSatisfying(
                            ContractViolation.class, v -> assertThat(v.field()).isEqualTo("body"));
        }
        assertThatThrownBy(() -> parser.split(b("[]\n[]\n[]\n[]"), BatchParser.Format.NDJSON))
                .hasMessageContaining("more than the limit of 3");
        assertThatThrownBy(() -> parser.split(b("\n \n"), BatchParser.Format.NDJSON))
                .hasMessageContaining("at least one pack");
    }
}
