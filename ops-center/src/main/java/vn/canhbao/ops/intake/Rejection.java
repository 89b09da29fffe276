package vn.canhbao.ops.intake;

import vn.canhbao.contracts.ContractViolation;

/** A record that was stored in {@code rejected_events} instead of being applied. */
record Rejection(IncomingRecord record, ContractViolation why) {
    String describe() {
        return record.topic()
                + "-"
                + record.partition()
                + "@"
                + record.offset()
                + " key "
                + record.key().orElse("(none)")
                + ": "
                + why.getMessage();
    }

    /** Any failure to decode becomes a violation; unexpected ones name the payload as the field. */
    static ContractViolation asViolation(RuntimeException e) {
        return e instanceof ContractViolation cv
                ? cv
                : new ContractViolation("payload", null, "undecodable: " + e);
    }
}
