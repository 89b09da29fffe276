package vn.canhbao.edge.agent;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import vn.canhbao.contracts.ContractViolation;

/** Strict reading of one JSON object of the agent config, naming the full path of a bad field. */
final class JsonFields {
    private final JsonNode node;
    private final String path;

    JsonFields(JsonNode node, String path, Set<String> allowed) {
        this.path = path;
        if (node == null || !node.isObject()) {
            throw new ContractViolation(
                    path.isEmpty() ? "config" : path, node, "expected an object");
        }
        this.node = node;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new ContractViolation(
                        name(f),
                        null,
                        "unknown key; expected one of " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    boolean has(String field) {
        return node.hasNonNull(field);
    }

    JsonNode raw(String field) {
        return node.get(field);
    }

    Optional<String> optText(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new ContractViolation(name(field), v, "expected a non-empty string");
        }
        return Optional.of(v.asText());
    }

    String text(String field) {
        return optText(field)
                .orElseThrow(() -> new ContractViolation(name(field), null, "required"));
    }

    Duration duration(String field, Duration dflt, Duration min, Duration max) {
        Optional<String> t = optText(field);
        if (t.isEmpty()) {
            return dflt;
        }
        Duration d;
        try {
            d = Duration.parse(t.get());
        } catch (DateTimeParseException e) {
            throw new ContractViolation(
                    name(field), t.get(), "expected an ISO-8601 duration such as PT10S");
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new ContractViolation(name(field), t.get(), "expected " + min + " to " + max);
        }
        return d;
    }

    long integer(String field, long dflt, long min, long max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isIntegralNumber()
                || !v.canConvertToLong()
                || v.asLong() < min
                || v.asLong() > max) {
            throw new ContractViolation(
                    name(field), v, "expected an integer from " + min + " to " + max);
        }
        return v.asLong();
    }

    double number(String field, double dflt) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new ContractViolation(name(field), v, "expected a finite number");
        }
        return v.asDouble();
    }

    boolean bool(String field, boolean dflt) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw new ContractViolation(name(field), v, "expected true or false");
        }
        return v.asBoolean();
    }

    URI uri(String field, Set<String> schemes) {
        String t = text(field);
        try {
            URI u = new URI(t);
            if (u.getScheme() == null || !schemes.contains(u.getScheme()) || u.getHost() == null) {
                throw new ContractViolation(name(field), t, "expected " + schemes + "://host:port");
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw new ContractViolation(name(field), t, "not a URI: " + e.getReason());
        }
    }

    JsonFields object(String field, Set<String> allowed) {
        return new JsonFields(node.get(field), name(field), allowed);
    }
}
