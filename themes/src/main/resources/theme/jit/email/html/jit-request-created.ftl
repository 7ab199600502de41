<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("jitMailRequestCreatedIntro", requester, roleLabel)}</p>
<table>
  <tr><td>${msg("jitMailDuration")}</td><td>${duration}</td></tr>
  <tr><td>${msg("jitMailJustification")}</td><td>${justification}</td></tr>
  <#if ticket?has_content><tr><td>${msg("jitMailTicket")}</td><td>${ticket}</td></tr></#if>
  <tr><td>${msg("jitMailSourceIp")}</td><td>${sourceIp}</td></tr>
  <tr><td>${msg("jitMailLapses")}</td><td>${expiresAt}</td></tr>
</table>
<#if link?has_content><p><a href="${link}">${msg("jitMailDecide")}</a></p></#if>
</@layout.emailLayout>
