package io.gmerecording.tc3;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The signature test vectors of {@code vectors.tsv}: what a request is and what its signature must be, written down
 * apart from the signer, so that the signer and the emulator's check cannot agree on a mistake.
 */
public final class Tc3Vectors {

    /** One signed request and its expected results. */
    public static final class Vector {
        public final String name;
        public final String secretKey;
        public final String service;
        public final String host;
        public final String contentType;
        /** The X-TC-Action header's value when it is signed, else null. */
        public final String action;
        public final long timestamp;
        public final byte[] body;
        public final String signedHeaders;
        public final String canonicalRequestSha256;
        public final String signature;

        private Vector(String[] fields) {
            this.name = fields[0];
            this.secretKey = fields[1];
            this.service = fields[2];
            this.host = fields[3];
            this.contentType = fields[4];
            this.action = fields[5].equals("-") ? null : fields[5];
            this.timestamp = Long.parseLong(fields[6]);
            this.body = Base64.getDecoder().decode(fields[7]);
            this.signedHeaders = fields[8];
            this.canonicalRequestSha256 = fields[9];
            this.signature = fields[10];
        }

        /** {@code yyyy-MM-dd} of the timestamp, in UTC. */
        public String date() {
            return DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(Instant.ofEpochSecond(timestamp));
        }

        /** The Authorization header a client of {@code secretId} sends with this vector's signature. */
        public String authorization(String secretId) {
            return "TC3-HMAC-SHA256 Credential=" + secretId + "/" + date() + "/" + service + "/tc3_request, "
                    + "SignedHeaders=" + signedHeaders + ", Signature=" + signature;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private Tc3Vectors() {
    }

    public static List<Vector> all() {
        List<Vector> vectors = new ArrayList<>();
        try (InputStream in = Tc3Vectors.class.getResourceAsStream("vectors.tsv");
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    vectors.add(new Vector(line.split("\t", -1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return vectors;
    }
}
