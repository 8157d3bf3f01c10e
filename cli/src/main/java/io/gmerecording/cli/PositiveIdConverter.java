package io.gmerecording.cli;

import picocli.CommandLine;

/**
 * Parses a BizId or TaskId: a positive 64-bit integer written in ASCII digits only (no sign, no spaces, none of the
 * other scripts' digits that {@link Long#parseLong} would take), rejected before any request is sent.
 */
final class PositiveIdConverter implements CommandLine.ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        long id;
        try {
            if (!value.matches("[0-9]{1,19}")) {
                throw new NumberFormatException();
            }
            id = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a positive 64-bit integer");
        }
        if (id <= 0) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a positive 64-bit integer");
        }
        return id;
    }
}
