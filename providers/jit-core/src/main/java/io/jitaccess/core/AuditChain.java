package io.jitaccess.core;

/**
 * Checks an audit trail read in sequence order: each entry's hash matches its content, each links to the
 * previous one, and no sequence number is missing.
 */
public final class AuditChain {

    /** The verdict on a trail: intact, or the first entry that breaks it and how. */
    public record Verification(boolean intact, long entriesChecked, Long brokenAtSeq, String problem) {
    }

    private long checked;
    private long expectedSeq = 1;
    private String previousHash = AuditRecord.GENESIS;
    private Verification broken;

    /** Feeds the next entry; returns false once the chain is broken (later entries are not needed). */
    public boolean accept(AuditRecord record) {
        if (broken != null) {
            return false;
        }
        checked++;
        if (record.seq() != expectedSeq) {
            broken = new Verification(false, checked, record.seq(), "entry " + expectedSeq + " is missing");
        } else if (!previousHash.equals(record.previousHash())) {
            broken = new Verification(false, checked, record.seq(), "entry " + record.seq() + " does not link to entry "
                    + (record.seq() - 1));
        } else if (!record.computeHash().equals(record.hash())) {
            broken = new Verification(false, checked, record.seq(), "entry " + record.seq() + " was changed after it was written");
        } else {
            previousHash = record.hash();
            expectedSeq++;
            return true;
        }
        return false;
    }

    public Verification result() {
        return broken != null ? broken : new Verification(true, checked, null, null);
    }
}
