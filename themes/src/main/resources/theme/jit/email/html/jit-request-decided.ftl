<#import "template.ftl" as layout>
<@layout.emailLayout>
<#if kind == "REQUEST_APPROVED"><p>${msg("jitMailApproved", roleLabel, decidedBy)}</p><#else><p>${msg("jitMailDenied", roleLabel, decidedBy)}</p></#if>
<#if comment?has_content><p>${msg("jitMailComment")}: ${comment}</p></#if>
</@layout.emailLayout>
