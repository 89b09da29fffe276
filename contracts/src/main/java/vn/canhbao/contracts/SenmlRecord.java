package vn.canhbao.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The labels of one SenML record as {@link SenmlPackDecoder} streams them, kept until the whole
 * record is read so its values can be checked in a fixed order. Reused from record to record; not
 * thread-safe.
 *
 * <p>A value of the expected JSON type is kept as a string, a {@link SenmlNumber} or a long; any
 * other value (and every {@code bver}) is kept as the tree node the old decoder would have built,
 * for the error message.
 */
final class SenmlRecord {
    static final int BN = 0;
    static final int BT = 1;
    static final int BU = 2;
    static final int BV = 3;
    static final int BVER = 4;
    static final int N = 5;
    static final int U = 6;
    static final int V = 7;
    static final int T = 8;
    static final int SEQ = 9;

    static final String[] LABELS = {"bn", "bt", "bu", "bv", "bver", "n", "u", "v", "t", "seq_"};

    private static final int REFUSED = -1;
    private static final int OTHER = -2;

    final String[] text = new String[LABELS.length];
    final SenmlNumber[] number = new SenmlNumber[LABELS.length];

    /** The value as a tree node when it is not of the expected type; always for bver. */
    final JsonNode[] node = new JsonNode[LABELS.length];

    long seq;

    /** The first label problem in document order: refused, unknown must-understand, repeated. */
    ContractViolation labelProblem;

    private int present;

    /** Labels this decoder ignores, seen in this record (only to refuse repeats); rarely used. */
    private List<String> others;

    SenmlRecord() {
        for (int label : new int[] {BT, BV, V, T}) {
            number[label] = new SenmlNumber();
        }
    }

    boolean has(int label) {
        return (present & (1 << label)) != 0;
    }

    /** Reads the record whose START_OBJECT the parser stands on, up to its END_OBJECT. */
    void read(JsonParser p, int index) throws IOException {
        present = 0;
        labelProblem = null;
        if (others != null) {
            others.clear();
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken token = p.nextToken();
            if (labelProblem != null) {
                p.skipChildren();
                continue;
            }
            int label = label(name);
            if (label >= 0) {
                if (has(label)) {
                    repeated(p, token, name, index);
                } else {
                    present |= 1 << label;
                    readValue(p, token, label);
                }
            } else if (label == REFUSED) {
                labelProblem =
                        new ContractViolation(
                                SenmlPackDecoder.at(index) + "." + name,
                                SenmlPackDecoder.node(p, token).toString(),
                                "only numeric values (v) are accepted");
            } else if (name.endsWith("_")) {
                labelProblem =
                        new ContractViolation(
                                SenmlPackDecoder.at(index) + "." + name,
                                SenmlPackDecoder.node(p, token).toString(),
                                "unknown must-understand SenML label");
            } else {
                if (others == null) {
                    others = new ArrayList<>(2);
                }
                if (others.contains(name)) {
                    repeated(p, token, name, index);
                } else {
                    others.add(name);
                    p.skipChildren();
                }
            }
        }
    }

    private void repeated(JsonParser p, JsonToken token, String name, int index)
            throws IOException {
        // JSON leaves repeated names to the reader (RFC 8259 section 4); parsers disagree on which
        // one wins, so a pack that says two things about one label is refused.
        labelProblem =
                new ContractViolation(
                        SenmlPackDecoder.at(index) + "." + name,
                        SenmlPackDecoder.node(p, token).toString(),
                        "label appears more than once in the record");
    }

    private void readValue(JsonParser p, JsonToken token, int label) throws IOException {
        node[label] = null;
        switch (label) {
            case BN, BU, N, U -> {
                if (token == JsonToken.VALUE_STRING) {
                    text[label] = p.getText();
                } else {
                    node[label] = SenmlPackDecoder.node(p, token);
                }
            }
            case BT, BV, V, T -> {
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    SenmlNumber n = number[label];
                    n.read(p, token);
                    if (!n.isFinite()) {
                        node[label] = SenmlPackDecoder.node(p, token);
                    }
                } else {
                    node[label] = SenmlPackDecoder.node(p, token);
                }
            }
            case SEQ -> {
                if (token == JsonToken.VALUE_NUMBER_INT
                        && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    seq = p.getLongValue();
                } else {
                    node[label] = SenmlPackDecoder.node(p, token);
                }
            }
            default -> node[label] = SenmlPackDecoder.node(p, token); // bver
        }
    }

    private static int label(String name) {
        return switch (name) {
            case "bn" -> BN;
            case "bt" -> BT;
            case "bu" -> BU;
            case "bv" -> BV;
            case "bver" -> BVER;
            case "n" -> N;
            case "u" -> U;
            case "v" -> V;
            case "t" -> T;
            case "seq_" -> SEQ;
            case "vs", "vb", "vd", "s", "bs" -> REFUSED;
            default -> OTHER;
        };
    }
}
