package io.gmerecording.cli;

import picocli.CommandLine;

/** Parses a BizId or TaskId: a positive 64-bit integer, rejected before any request is sent. */
final class PositiveIdConverter implements CommandLine.ITypeConverter<Long> {

    @Override
    public Long convert(String value) {
        long id;
        try {
            id = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a positive 64-bit integer");
        }
        if (id <= 0) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a positive 64-bit integer");
        }
        return id;
    }
}
