package io.jitaccess.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One append-only entry of the audit trail. Names are snapshots (the user, role, client or group may be deleted
 * later); times are epoch milliseconds. An entry about a group grant names the group's path in {@code group} and no
 * role. {@code hash} covers every field and the previous entry's hash, so
 * editing, inserting or deleting an entry breaks the chain.
 */
public record AuditRecord(
        long seq,
        String realmId,
        long time,
        String action,
        String actorId,
        String actorName,
        String subjectId,
        String subjectName,
        String role,
        String clientId,
        String group,
        String policyId,
        String requestId,
        String grantId,
        String justification,
        String ticket,
        String reason,
        String sourceIp,
        String userAgent,
        String previousHash,
        String hash) {

    /** The hash of the chain before its first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** A realm's chain head: the last entry's sequence number and hash, which an outside monitor can hold. */
    public record Head(long seq, String hash) {}

    /** This entry with its hash computed over its fields and {@code previousHash}. */
    public AuditRecord sealed() {
        return new AuditRecord(
                seq,
                realmId,
                time,
                action,
                actorId,
                actorName,
                subjectId,
                subjectName,
                role,
                clientId,
                group,
                policyId,
                requestId,
                grantId,
                justification,
                ticket,
                reason,
                sourceIp,
                userAgent,
                previousHash,
                computeHash());
    }

    public String computeHash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<String> fields = new ArrayList<>(List.of(
                    Long.toString(seq),
                    nz(realmId),
                    Long.toString(time),
                    nz(action),
                    nz(actorId),
                    nz(actorName),
                    nz(subjectId),
                    nz(subjectName),
                    nz(role),
                    nz(clientId),
                    nz(policyId),
                    nz(requestId),
                    nz(grantId),
                    nz(justification),
                    nz(ticket),
                    nz(reason),
                    nz(sourceIp),
                    nz(userAgent),
                    nz(previousHash)));
            if (group != null) {
                // entries about a group grant (added with them): entries before have no such field, and hash as before
                fields.add(group);
            }
            for (String field : fields) {
                byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                // length-prefixed, so no two different entries encode alike
                digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) ':');
                digest.update(bytes);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
