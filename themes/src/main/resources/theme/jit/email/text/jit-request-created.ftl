<#ftl output_format="plainText">
${msg("jitMailRequestCreatedIntro", requester, roleLabel)}

${msg("jitMailDuration")}: ${duration}
${msg("jitMailJustification")}: ${justification}
<#if ticket?has_content>${msg("jitMailTicket")}: ${ticket}
</#if>${msg("jitMailSourceIp")}: ${sourceIp}
${msg("jitMailLapses")}: ${expiresAt}
<#if link?has_content>

${msg("jitMailDecide")}: ${link}
</#if>
