<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${msg("jitMailGrantStarted", roleLabel, endsAt)}</p>
</@layout.emailLayout>
