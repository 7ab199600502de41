<#ftl output_format="plainText">
<#if kind == "REQUEST_APPROVED">${msg("jitMailApproved", roleLabel, decidedBy)}<#else>${msg("jitMailDenied", roleLabel, decidedBy)}</#if>
<#if comment?has_content>
${msg("jitMailComment")}: ${comment}
</#if>
