<#ftl output_format="plainText">
<#if kind == "GRANT_REVOKED">${msg("jitMailGrantRevoked", roleLabel, endReason)}<#else>${msg("jitMailGrantEnded", roleLabel)}</#if>
