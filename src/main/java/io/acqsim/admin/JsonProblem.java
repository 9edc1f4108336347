package io.acqsim.admin;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns a Jackson failure into the BAD_JSON message a user can act on: it names the field by its
 * path ({@code items[2].amount}) and the line and column, and never carries a stack trace or a
 * Java class name longer than its simple name.
 */
final class JsonProblem {
    private JsonProblem() {}

    static ApiException of(JacksonException e) {
        if (e instanceof ValueInstantiationException vie && vie.getCause() instanceof ApiException api) return api;
        return new ApiException(ApiError.BAD_JSON, describe(e) + at(e.getLocation()));
    }

    private static String describe(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException upe) {
            return "unknown property '" + path(upe.getPath()) + "'" + known(upe.getKnownPropertyIds());
        }
        if (e instanceof InvalidFormatException ife) {
            String expected = ife.getTargetType() == null ? "value" : simpleName(ife.getTargetType());
            String choices = ife.getTargetType() != null && ife.getTargetType().isEnum()
                    ? " (one of: " + List.of(ife.getTargetType().getEnumConstants()).stream()
                            .map(Object::toString).collect(Collectors.joining(", ")) + ")"
                    : "";
            return field(ife) + quote(ife.getValue()) + " is not a valid " + expected + choices;
        }
        if (e instanceof ValueInstantiationException vie) {
            Throwable cause = vie.getCause();
            String why = cause == null || cause.getMessage() == null ? clean(vie.getOriginalMessage()) : cause.getMessage();
            return field(vie) + "invalid " + simpleName(vie.getType().getRawClass()) + ": " + why;
        }
        if (e instanceof MismatchedInputException mie) {
            return field(mie) + clean(mie.getOriginalMessage());
        }
        if (e instanceof JsonMappingException jme) {
            return field(jme) + clean(jme.getOriginalMessage());
        }
        return "malformed JSON: " + clean(e.getOriginalMessage());
    }

    private static String field(JsonMappingException e) {
        String path = path(e.getPath());
        return path.isEmpty() ? "" : "field '" + path + "': ";
    }

    /** {@code items[2].amount}; empty for the top-level value. */
    static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String known(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) return "";
        return " (known: " + new TreeSet<>(ids.stream().map(String::valueOf).toList()).stream()
                .collect(Collectors.joining(", ")) + ")";
    }

    private static String at(JsonLocation loc) {
        if (loc == null || loc.getLineNr() <= 0) return "";
        return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static String simpleName(Class<?> type) {
        return type == null ? "value" : type.getSimpleName();
    }

    /** Jackson names types as {@code `java.time.Duration`} or {@code `io.acqsim.X$Body`}: keep the simple name. */
    static String clean(String message) {
        String m = Objects.requireNonNullElse(message, "unreadable JSON");
        return m.replaceAll("`(?:[\\w]+\\.)*(?:\\w+\\$)*(\\w+(?:\\[\\])?)`", "$1").strip();
    }
}
