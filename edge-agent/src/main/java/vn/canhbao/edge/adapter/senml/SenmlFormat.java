package vn.canhbao.edge.adapter.senml;

import java.util.Optional;

/** The SenML representations a sensor may send, with their CoAP content formats (RFC 8428). */
public enum SenmlFormat {
    /** {@code application/senml+json}, CoAP content format 110. */
    JSON(110),
    /** {@code application/senml+cbor}, CoAP content format 112, integer labels (RFC 8428 §6). */
    CBOR(112);

    private final int contentFormat;

    SenmlFormat(int contentFormat) {
        this.contentFormat = contentFormat;
    }

    public int contentFormat() {
        return contentFormat;
    }

    public static Optional<SenmlFormat> ofContentFormat(int contentFormat) {
        for (SenmlFormat f : values()) {
            if (f.contentFormat == contentFormat) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
