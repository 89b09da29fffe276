package vn.canhbao.ingest.coap;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import vn.canhbao.contracts.Reading;
import vn.canhbao.contracts.ReadingBatch;

/** Test fixture: SenML CBOR packs as a device writes them, with RFC 8428 integer labels. */
final class CborPacks {
    private static final CBORFactory FACTORY = new CBORFactory();

    private CborPacks() {}

    static byte[] encode(ReadingBatch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartArray();
            for (int i = 0; i < batch.readings().size(); i++) {
                Reading r = batch.readings().get(i);
                g.writeStartObject();
                if (i == 0) {
                    g.writeFieldId(-2); // bn
                    g.writeString(batch.gateway().value() + "/");
                }
                g.writeFieldId(0); // n
                g.writeString(r.sensor().value() + "/" + r.quantity().wireName());
                g.writeFieldId(1); // u
                g.writeString(r.quantity().unit());
                g.writeFieldId(2); // v
                g.writeNumber(r.value());
                g.writeFieldId(6); // t
                g.writeNumber(r.time().toEpochMilli() / 1000.0);
                g.writeFieldName("seq_");
                g.writeNumber(r.seq());
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One record whose value is text: valid CBOR, invalid SenML for the platform. */
    static byte[] withTextValue(vn.canhbao.contracts.GatewayId gw, String name, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartArray();
            g.writeStartObject();
            g.writeFieldId(-2);
            g.writeString(gw.value() + "/");
            g.writeFieldId(0);
            g.writeString(name);
            g.writeFieldId(1);
            g.writeString("m");
            g.writeFieldId(2);
            g.writeString(text);
            g.writeFieldId(6);
            g.writeNumber(1.8e9);
            g.writeFieldName("seq_");
            g.writeNumber(1);
            g.writeEndObject();
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
