package parley.transport.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The little DER (ASN.1) this plugin writes and reads itself: the self-signed certificate, and the
 * wrapping of a PKCS#1 RSA or SEC1 EC key into PKCS#8, which the JDK has no public API for.
 */
final class Der {

    /** One element: its tag and its content bytes. */
    record Element(int tag, byte[] content) {
        /** The elements inside a constructed element (a SEQUENCE, a context tag). */
        List<Element> children() throws IOException {
            return Der.parseAll(content);
        }
    }

    private Der() {
    }

    static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    static byte[] seq(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return tlv(0x30, out.toByteArray());
    }

    /** The one element {@code der} holds. */
    static Element parse(byte[] der) throws IOException {
        List<Element> all = parseAll(der);
        if (all.size() != 1) {
            throw new IOException("not one DER element");
        }
        return all.get(0);
    }

    static List<Element> parseAll(byte[] der) throws IOException {
        List<Element> elements = new ArrayList<>();
        int at = 0;
        while (at < der.length) {
            if (at + 2 > der.length) {
                throw new IOException("truncated DER");
            }
            int tag = der[at++] & 0xFF;
            int length = der[at++] & 0xFF;
            if (length >= 0x80) {
                int bytes = length & 0x7F;
                if (bytes == 0 || bytes > 3 || at + bytes > der.length) {
                    throw new IOException("bad DER length");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (der[at++] & 0xFF);
                }
            }
            if (at + length > der.length) {
                throw new IOException("truncated DER");
            }
            elements.add(new Element(tag, Arrays.copyOfRange(der, at, at + length)));
            at += length;
        }
        return elements;
    }
}
