package io.jitaccess.core;

/**
 * Checks an audit trail read in sequence order: each entry's hash matches its content, each links to the
 * previous one, no sequence number is missing, no entry records that the chain head went missing, and the
 * chain head (the last sequence number and hash, kept apart from the entries) is where the last entry is.
 */
public final class AuditChain {

    /** The action of the entry written when a realm's chain head went missing and was rebuilt from the last entry. */
    public static final String HEAD_REBUILT = "AUDIT_HEAD_REBUILT";

    /** The verdict on a trail: intact, or the first entry that breaks it and how. */
    public record Verification(boolean intact, long entriesChecked, Long brokenAtSeq, String problem) {}

    private long checked;
    private long expectedSeq = 1;
    private String previousHash = AuditRecord.GENESIS;
    private Verification broken;
    /** Entries that record a rebuilt head; checking goes on past them, so a later edit still shows. */
    private final java.util.List<Long> rebuilds = new java.util.ArrayList<>();

    /** Feeds the next entry; returns false once the chain is broken (later entries are not needed). */
    public boolean accept(AuditRecord record) {
        if (broken != null) {
            return false;
        }
        checked++;
        if (record.seq() != expectedSeq) {
            broken = new Verification(false, checked, record.seq(), "entry " + expectedSeq + " is missing");
        } else if (!previousHash.equals(record.previousHash())) {
            broken = new Verification(
                    false,
                    checked,
                    record.seq(),
                    "entry " + record.seq() + " does not link to entry " + (record.seq() - 1));
        } else if (!record.computeHash().equals(record.hash())) {
            broken = new Verification(
                    false, checked, record.seq(), "entry " + record.seq() + " was changed after it was written");
        } else {
            if (HEAD_REBUILT.equals(record.action())) {
                rebuilds.add(record.seq());
            }
            previousHash = record.hash();
            expectedSeq++;
            return true;
        }
        return false;
    }

    /** The first broken link if any; else the first rebuilt head if any; else intact. */
    public Verification result() {
        if (broken != null) {
            return broken;
        }
        if (!rebuilds.isEmpty()) {
            long at = rebuilds.get(0);
            return new Verification(
                    false,
                    checked,
                    at,
                    "the chain head went missing and was rebuilt from entry " + (at - 1) + " (entry " + at
                            + "): entries written after it before the loss may have been removed");
        }
        return new Verification(true, checked, null, null);
    }

    /**
     * The verdict once every entry up to the head was fed: the head must name the last entry fed, by sequence number
     * and hash. A head behind the entries, ahead of them, or with another hash means the tail was cut or rewritten.
     */
    public Verification against(long headSeq, String headHash) {
        if (broken != null) {
            return broken;
        }
        long last = expectedSeq - 1;
        if (headSeq > last) {
            return new Verification(
                    false,
                    checked,
                    last + 1,
                    "entries after " + last + " are missing (the chain head is at " + headSeq + ")");
        }
        if (headSeq < last) {
            return new Verification(
                    false, checked, headSeq + 1, "the chain head is at " + headSeq + " but entries go on to " + last);
        }
        if (!previousHash.equals(headHash)) {
            return new Verification(
                    false,
                    checked,
                    last,
                    "the chain head does not match entry " + last + ": the last entries were cut or rewritten");
        }
        return result();
    }
}
