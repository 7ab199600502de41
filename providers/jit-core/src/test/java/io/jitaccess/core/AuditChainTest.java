package io.jitaccess.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Given an audit trail of five sealed entries")
class AuditChainTest {

    private static final long T0 = Instant.parse("2026-03-10T09:00:00Z").toEpochMilli();
    private static final String[] ACTIONS = {
        "REQUEST_CREATED", "REQUEST_APPROVED", "REQUEST_APPROVED", "GRANT_ACTIVATED", "GRANT_REVOKED"
    };

    /** Five entries, each sealed and linked to the one before, the first to GENESIS. */
    private static List<AuditRecord> trail() {
        List<AuditRecord> records = new ArrayList<>();
        String previous = AuditRecord.GENESIS;
        for (int i = 0; i < ACTIONS.length; i++) {
            AuditRecord record = entry(i + 1, ACTIONS[i], previous);
            records.add(record);
            previous = record.hash();
        }
        return records;
    }

    private static AuditRecord entry(long seq, String action, String previousHash) {
        return new AuditRecord(
                        seq,
                        "realm-acme",
                        T0 + seq * 60_000,
                        action,
                        "id-carol",
                        "carol",
                        "id-alice",
                        "alice",
                        "ops-console.prod-maintainer",
                        "ops-console",
                        null,
                        "policy-1",
                        "req-1",
                        seq >= 4 ? "grant-1" : null,
                        "Rotate the database credentials",
                        "OPS-42",
                        seq == 5 ? "incident closed" : "",
                        "10.1.2.3",
                        "Mozilla/5.0",
                        previousHash,
                        null)
                .sealed();
    }

    private static AuditChain.Verification verify(List<AuditRecord> records) {
        AuditChain chain = new AuditChain();
        for (AuditRecord record : records) {
            if (!chain.accept(record)) {
                break;
            }
        }
        return chain.result();
    }

    /** A copy of {@code record} with one component replaced, hash left as it was. */
    private static AuditRecord with(AuditRecord record, String component, Object value)
            throws ReflectiveOperationException {
        RecordComponent[] components = AuditRecord.class.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = components[i].getName().equals(component)
                    ? value
                    : components[i].getAccessor().invoke(record);
        }
        Constructor<AuditRecord> canonical = AuditRecord.class.getDeclaredConstructor(
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
        return canonical.newInstance(values);
    }

    private static Object edited(AuditRecord record, String component) throws ReflectiveOperationException {
        RecordComponent rc = Arrays.stream(AuditRecord.class.getRecordComponents())
                .filter(c -> c.getName().equals(component))
                .findFirst()
                .orElseThrow();
        Object old = rc.getAccessor().invoke(record);
        if (rc.getType() == long.class) {
            return (Long) old + 1;
        }
        return old == null ? "x" : old + "x";
    }

    /** Every field the hash covers, except seq (renumbering is its own case below). */
    static Stream<String> contentFields() {
        return Arrays.stream(AuditRecord.class.getRecordComponents())
                .map(RecordComponent::getName)
                .filter(name -> !name.equals("seq") && !name.equals("previousHash") && !name.equals("hash"));
    }

    @Test
    @DisplayName("when the trail is untouched, then it verifies intact and every entry was checked")
    void intact() {
        AuditChain chain = new AuditChain();
        for (AuditRecord record : trail()) {
            assertTrue(chain.accept(record));
        }

        assertEquals(new AuditChain.Verification(true, 5, null, null), chain.result());
    }

    @Test
    @DisplayName("when the trail is empty, then it is intact with nothing checked")
    void empty() {
        assertEquals(new AuditChain.Verification(true, 0, null, null), new AuditChain().result());
    }

    @Test
    @DisplayName("the first entry links to GENESIS, 64 zeros, and each later entry to the hash of the one before")
    void linkage() {
        List<AuditRecord> records = trail();

        assertEquals("0".repeat(64), AuditRecord.GENESIS);
        assertEquals(AuditRecord.GENESIS, records.get(0).previousHash());
        for (int i = 1; i < records.size(); i++) {
            assertEquals(records.get(i - 1).hash(), records.get(i).previousHash());
        }
        assertTrue(records.get(0).hash().matches("[0-9a-f]{64}"));
        assertEquals(records.get(0).hash(), records.get(0).computeHash());
    }

    @Test
    @DisplayName("when the first entry does not link to GENESIS, then the trail breaks at entry 1")
    void firstMustLinkToGenesis() {
        List<AuditRecord> records = trail();
        records.set(0, entry(1, ACTIONS[0], "1".repeat(64)));

        AuditChain.Verification result = verify(records);

        assertFalse(result.intact());
        assertEquals(1L, result.brokenAtSeq());
        assertEquals("entry 1 does not link to entry 0", result.problem());
    }

    @ParameterizedTest
    @MethodSource("contentFields")
    @DisplayName("when any field of entry 3 is edited, then the trail breaks at entry 3 as changed")
    void editedFieldDetected(String field) throws ReflectiveOperationException {
        List<AuditRecord> records = trail();
        AuditRecord original = records.get(2);
        records.set(2, with(original, field, edited(original, field)));

        AuditChain.Verification result = verify(records);

        assertEquals(new AuditChain.Verification(false, 3, 3L, "entry 3 was changed after it was written"), result);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    @DisplayName("when an entry's hash is overwritten, then the trail breaks at that entry")
    void editedHashDetected(int seq) throws ReflectiveOperationException {
        List<AuditRecord> records = trail();
        records.set(seq - 1, with(records.get(seq - 1), "hash", "f".repeat(64)));

        AuditChain.Verification result = verify(records);

        assertFalse(result.intact());
        assertEquals((long) seq, result.brokenAtSeq());
    }

    @Test
    @DisplayName("when entry 3's link to the previous entry is edited, then the trail breaks at entry 3")
    void editedPreviousHashDetected() throws ReflectiveOperationException {
        List<AuditRecord> records = trail();
        records.set(2, with(records.get(2), "previousHash", AuditRecord.GENESIS));

        assertEquals(new AuditChain.Verification(false, 3, 3L, "entry 3 does not link to entry 2"), verify(records));
    }

    @Test
    @DisplayName(
            "when entry 3 is edited and sealed again, then the trail breaks at entry 4, which no longer links to it")
    void resealedEditDetectedAtNext() throws ReflectiveOperationException {
        List<AuditRecord> records = trail();
        records.set(
                2, with(records.get(2), "justification", "nothing to see here").sealed());

        assertEquals(new AuditChain.Verification(false, 4, 4L, "entry 4 does not link to entry 3"), verify(records));
    }

    @Test
    @DisplayName("when entry 3's sequence number is edited, then the trail breaks at the third entry read")
    void editedSeqDetected() throws ReflectiveOperationException {
        List<AuditRecord> records = trail();
        records.set(2, with(records.get(2), "seq", 99L));

        AuditChain.Verification result = verify(records);

        assertEquals(new AuditChain.Verification(false, 3, 99L, "entry 3 is missing"), result);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4})
    @DisplayName("when an entry is deleted, then the trail breaks at the entry after it, reporting the gap")
    void deletionDetected(int deletedSeq) {
        List<AuditRecord> records = trail();
        records.remove(deletedSeq - 1);

        AuditChain.Verification result = verify(records);

        assertEquals(
                new AuditChain.Verification(
                        false, deletedSeq, (long) deletedSeq + 1, "entry " + deletedSeq + " is missing"),
                result);
    }

    @Test
    @DisplayName(
            "when a sealed entry is inserted after entry 2 and the later ones are renumbered, then the trail breaks at the entry after it")
    void insertionWithRenumberingDetected() throws ReflectiveOperationException {
        List<AuditRecord> records = trail();
        AuditRecord forged = entry(3, "GRANT_ACTIVATED", records.get(1).hash());
        List<AuditRecord> tampered = new ArrayList<>(records.subList(0, 2));
        tampered.add(forged);
        for (AuditRecord later : records.subList(2, records.size())) {
            tampered.add(with(later, "seq", later.seq() + 1));
        }

        assertEquals(new AuditChain.Verification(false, 4, 4L, "entry 4 does not link to entry 3"), verify(tampered));
    }

    @Test
    @DisplayName(
            "when a sealed entry is inserted after entry 2 with a duplicate number, then the trail breaks at the original entry 3")
    void insertionWithoutRenumberingDetected() {
        List<AuditRecord> records = trail();
        records.add(2, entry(3, "GRANT_ACTIVATED", records.get(1).hash()));

        AuditChain.Verification result = verify(records);

        assertFalse(result.intact());
        assertEquals(4, result.entriesChecked());
        assertEquals(3L, result.brokenAtSeq());
    }

    @Test
    @DisplayName("when entries 3 and 4 swap places, then the trail breaks at entry 4, read where 3 belongs")
    void reorderDetected() {
        List<AuditRecord> records = trail();
        Collections.swap(records, 2, 3);

        assertEquals(new AuditChain.Verification(false, 3, 4L, "entry 3 is missing"), verify(records));
    }

    @Test
    @DisplayName("when entries 3 and 4 swap places and are renumbered, then the trail breaks at the third entry read")
    void reorderWithRenumberingDetected() throws ReflectiveOperationException {
        List<AuditRecord> records = trail();
        AuditRecord third = records.get(2);
        AuditRecord fourth = records.get(3);
        records.set(2, with(fourth, "seq", 3L));
        records.set(3, with(third, "seq", 4L));

        assertEquals(new AuditChain.Verification(false, 3, 3L, "entry 3 does not link to entry 2"), verify(records));
    }

    @Test
    @DisplayName("when the chain is broken, then later entries are refused and not counted")
    void stopsAtFirstBreak() throws ReflectiveOperationException {
        List<AuditRecord> records = trail();
        records.set(1, with(records.get(1), "actorName", "mallory"));
        AuditChain chain = new AuditChain();

        assertTrue(chain.accept(records.get(0)));
        assertFalse(chain.accept(records.get(1)));
        assertFalse(chain.accept(records.get(2)));
        assertFalse(chain.accept(records.get(3)));

        assertEquals(
                new AuditChain.Verification(false, 2, 2L, "entry 2 was changed after it was written"), chain.result());
    }

    @Test
    @DisplayName("when two entries differ only in where a field boundary falls, then their hashes differ")
    void lengthPrefixedEncoding() throws ReflectiveOperationException {
        AuditRecord record = trail().get(0);
        AuditRecord a = with(with(record, "actorId", "ab"), "actorName", "c").sealed();
        AuditRecord b = with(with(record, "actorId", "a"), "actorName", "bc").sealed();

        assertNotEquals(a.hash(), b.hash());
    }

    @Test
    @DisplayName("when an entry names a group, then its hash covers it, and a group is never taken for a role")
    void groupCovered() throws ReflectiveOperationException {
        AuditRecord record = with(trail().get(0), "role", null);
        AuditRecord group = with(record, "group", "/oncall").sealed();
        AuditRecord role = with(record, "role", "/oncall").sealed();

        assertNotEquals(record.sealed().hash(), group.hash());
        assertNotEquals(role.hash(), group.hash());
    }

    @Test
    @DisplayName("when an entry is sealed, then only the hash changes")
    void sealKeepsFields() throws ReflectiveOperationException {
        AuditRecord record = trail().get(2);
        AuditRecord unsealed = with(record, "hash", null);

        assertNull(unsealed.hash());
        assertEquals(record, unsealed.sealed());
    }

    @Test
    @DisplayName("when the head names the last entry by number and hash, then the trail is intact")
    void headMatches() {
        List<AuditRecord> records = trail();
        AuditChain chain = new AuditChain();
        records.forEach(chain::accept);

        assertTrue(chain.against(5, records.get(4).hash()).intact());
    }

    @Test
    @DisplayName("when the last entry was rewritten with a fresh hash, then only the head shows it")
    void rewrittenTailCaughtByHead() {
        List<AuditRecord> records = trail();
        String headHash = records.get(4).hash();
        AuditRecord last = records.get(4);
        AuditRecord forged = new AuditRecord(
                        last.seq(),
                        last.realmId(),
                        last.time(),
                        last.action(),
                        last.actorId(),
                        last.actorName(),
                        last.subjectId(),
                        last.subjectName(),
                        last.role(),
                        last.clientId(),
                        last.group(),
                        last.policyId(),
                        last.requestId(),
                        last.grantId(),
                        last.justification(),
                        last.ticket(),
                        "nothing happened",
                        last.sourceIp(),
                        last.userAgent(),
                        last.previousHash(),
                        null)
                .sealed();
        AuditChain chain = new AuditChain();
        records.subList(0, 4).forEach(chain::accept);
        chain.accept(forged);

        assertTrue(chain.result().intact(), "the links alone cannot see it");
        AuditChain.Verification verdict = chain.against(5, headHash);
        assertFalse(verdict.intact());
        assertEquals(5L, verdict.brokenAtSeq());
    }

    @Test
    @DisplayName(
            "when the tail was cut and the head moved back without its hash, or the head is ahead or behind, then it is reported")
    void cutTailCaughtByHead() {
        List<AuditRecord> records = trail();
        AuditChain chain = new AuditChain();
        records.subList(0, 4).forEach(chain::accept);

        assertFalse(chain.against(4, records.get(4).hash()).intact());
        assertFalse(chain.against(5, records.get(4).hash()).intact());
        assertFalse(chain.against(3, records.get(2).hash()).intact());
        assertTrue(
                chain.against(4, records.get(3).hash()).intact(),
                "a cut made with the head's hash is invisible from inside");
    }

    @Test
    @DisplayName("when an entry records that the head was rebuilt, then the trail is not intact from there on")
    void rebuiltHeadReported() {
        List<AuditRecord> records = trail();
        AuditRecord rebuilt = entry(6, AuditChain.HEAD_REBUILT, records.get(4).hash());
        AuditChain chain = new AuditChain();
        records.forEach(chain::accept);
        chain.accept(rebuilt);

        AuditChain.Verification verdict = chain.against(6, rebuilt.hash());
        assertFalse(verdict.intact());
        assertEquals(6L, verdict.brokenAtSeq());
        assertTrue(verdict.problem().contains("rebuilt"), verdict.problem());
    }

    @Test
    @DisplayName(
            "when an entry after a rebuilt head is changed, then verification still finds it: a rebuild hides nothing")
    void editAfterRebuildStillFound() {
        List<AuditRecord> records = trail();
        AuditRecord rebuilt = entry(6, AuditChain.HEAD_REBUILT, records.get(4).hash());
        AuditRecord after = entry(7, "REQUEST_CREATED", rebuilt.hash());
        AuditRecord edited = new AuditRecord(
                after.seq(),
                after.realmId(),
                after.time(),
                after.action(),
                after.actorId(),
                after.actorName(),
                after.subjectId(),
                after.subjectName(),
                after.role(),
                after.clientId(),
                after.group(),
                after.policyId(),
                after.requestId(),
                after.grantId(),
                after.justification(),
                after.ticket(),
                "edited",
                after.sourceIp(),
                after.userAgent(),
                after.previousHash(),
                after.hash());
        AuditChain chain = new AuditChain();
        records.forEach(chain::accept);
        chain.accept(rebuilt);
        chain.accept(edited);

        assertEquals(7L, chain.against(7, after.hash()).brokenAtSeq());
    }
}
