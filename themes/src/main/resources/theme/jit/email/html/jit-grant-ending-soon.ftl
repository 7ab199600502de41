<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("jitMailGrantEndingSoon", roleLabel, endsAt)}</p>
</@layout.emailLayout>
