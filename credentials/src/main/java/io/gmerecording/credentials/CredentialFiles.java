package io.gmerecording.credentials;

import io.gmerecording.core.error.CredentialsException;
import io.gmerecording.core.error.ErrorCodes;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads a credentials file the careful way: only a regular file (a pipe, a device or a directory would hang or
 * mislead the read), at most {@value #MAX_BYTES} bytes, without a UTF-8 byte-order mark; and warns once, naming the
 * file, when a file that holds a secret key can be read by its group or by others (as ssh does).
 */
final class CredentialFiles {

    static final int MAX_BYTES = 64 * 1024;
    /** Longer than any SecretId, SecretKey or STS token: a longer value is a pasted file, not a credential. */
    private static final System.Logger LOG = System.getLogger(CredentialsChain.class.getName());
    private static final Set<Path> WARNED = ConcurrentHashMap.newKeySet();

    private CredentialFiles() {
    }

    /** The file's bytes, or empty when there is no such file. */
    static Optional<byte[]> read(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw malformed(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (!attributes.isRegularFile()) {
            throw malformed(file, "is not a regular file (a directory, a device or a pipe)");
        }
        if (attributes.size() > MAX_BYTES) {
            throw malformed(file, "is larger than " + MAX_BYTES / 1024 + " KiB, too large for a credentials file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw malformed(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw malformed(file, "is larger than " + MAX_BYTES / 1024 + " KiB, too large for a credentials file");
        }
        boolean bom = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf;
        return Optional.of(bom ? Arrays.copyOfRange(bytes, 3, bytes.length) : bytes);
    }

    /** One WARNING per file and JVM when a file holding a secret key is readable by its group or by others. */
    static void warnIfOthersCanRead(Path file) {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (IOException | UnsupportedOperationException e) {
            return; // not a POSIX file system: nothing to compare with
        }
        boolean open = permissions.contains(PosixFilePermission.GROUP_READ)
                || permissions.contains(PosixFilePermission.OTHERS_READ);
        if (open && WARNED.add(file.toAbsolutePath())) {
            LOG.log(Level.WARNING, "credentials file {0} holds a secret key and can be read by other users; "
                    + "restrict it with: chmod 600 {0}", file);
        }
    }

    private static CredentialsException malformed(Path file, String problem) {
        return ErrorCodes.credentialsMalformed("credentials file " + file + ": " + problem);
    }
}
