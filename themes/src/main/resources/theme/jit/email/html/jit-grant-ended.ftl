<#import "template.ftl" as layout>
<@layout.emailLayout>
<#if kind == "GRANT_REVOKED"><p>${msg("jitMailGrantRevoked", roleLabel, endReason)}</p><#else><p>${msg("jitMailGrantEnded", roleLabel)}</p></#if>
</@layout.emailLayout>
